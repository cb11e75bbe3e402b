import type { Logger } from 'pino';
import type { EventStore } from '@sales/event-store';
import {
  DeliveryLease,
  fetchPost,
  ReadStoreDeliveryLease,
  ReadStoreWebhookStore,
  WebhookDispatcher,
} from '@sales/feed';
import type { ReadStore } from '@sales/read-store';
import { pause } from '@sales/event-store';
import { createLogger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { WebhookConfig } from './webhook-config.js';

export type WebhookDeliveryOptions = {
  lease?: DeliveryLease;
  /** The process's metrics: attempts counted as they end, lag and failure read on each scrape. */
  metrics?: Metrics;
  /** Where a failed attempt is told (warn); the process's own logger, with its context. */
  log?: Logger;
};

// Webhook delivery for the process that runs the projectors: the API when they run inline, the
// projector worker otherwise. The lease decides which process delivers each webhook, and that
// process alone exports the webhook's metrics.
export function startWebhookDelivery(
  events: EventStore,
  reads: ReadStore,
  config: WebhookConfig,
  {
    lease = new ReadStoreDeliveryLease(reads),
    metrics,
    log = createLogger('sales-webhooks').child({ context: 'Webhooks' }),
  }: WebhookDeliveryOptions = {},
): WebhookDispatcher {
  const dispatcher = new WebhookDispatcher(
    {
      events,
      store: new ReadStoreWebhookStore(reads),
      hosts: config.hosts,
      timeoutMs: config.timeoutMs,
      post: fetchPost,
      backoff: config.backoff,
      random: Math.random,
      now: () => new Date(),
      sleep: (ms, signal) => pause(ms, signal),
      observer: metrics && { attempted: (id, outcome) => metrics.webhookAttempt(id, outcome) },
    },
    lease,
    {
      pollMs: config.pollMs,
      onError: (id, error) =>
        log.warn(`webhook ${id}: ${error instanceof Error ? error.message : String(error)}`),
    },
  );
  metrics?.readWebhooksFrom(() => dispatcher.states());
  dispatcher.start();
  return dispatcher;
}
