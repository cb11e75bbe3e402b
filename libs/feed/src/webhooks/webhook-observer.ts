// What a process's monitoring learns of webhook delivery. libs/feed knows no metrics library: the
// process that delivers passes an observer in and turns it into whatever it exports.
export type WebhookAttemptOutcome = 'delivered' | 'failed';

/** A webhook this process delivers, as a scrape sees it. */
export type WebhookState = {
  webhook: string;
  /** events of the webhook's selection still to deliver (capped), null when it cannot be read */
  lag: number | null;
  failingSince: string | null;
};

export interface WebhookObserver {
  /** Each attempt's outcome, as it ends (a timeout or a non-2xx answer is `failed`). */
  attempted(webhookId: string, outcome: WebhookAttemptOutcome): void;
}
