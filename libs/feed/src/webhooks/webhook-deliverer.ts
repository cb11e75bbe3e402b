import type { EventStore, RecordedEvent } from '@sales/event-store';
import { streamFilterOf } from '../event-selection.js';
import { attemptDelivery, AttemptOptions } from './webhook-attempt.js';
import { backoffDelay, BackoffPolicy } from './webhook-backoff.js';
import type { DeliveryLeaseHandle } from './delivery-lease.js';
import type { WebhookObserver } from './webhook-observer.js';
import type { WebhookStore } from './webhook-store.port.js';
import { initialProgress, WebhookDefinition, WebhookProgress } from './webhook.js';

export type DelivererDeps = AttemptOptions & {
  events: EventStore;
  store: WebhookStore;
  backoff: BackoffPolicy;
  random: () => number;
  now: () => Date;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  observer?: WebhookObserver;
};

// Progress over events the webhook's types step over is saved at most this often: enough for
// its GET to show it caught up, without a write per event while it reads old history.
const SKIP_SAVE_MS = 1_000;

// Delivers one webhook's events in log order, each retried until its receiver answers 2xx, the
// position stored after each one: at least once, in order, from where the last holder stopped.
// Runs until `signal` aborts (the lease was lost, the webhook changed or the process stops).
export async function runDeliverer(
  definition: WebhookDefinition,
  deps: DelivererDeps,
  signal: AbortSignal,
  /** The delivery lease this runs under: progress writes are refused once it has passed on. */
  fence?: DeliveryLeaseHandle,
): Promise<void> {
  let progress =
    (await deps.store.progress(definition.id)) ?? initialProgress(null, deps.now().toISOString());
  let saved = progress;
  let savedAt = 0;
  // Writes run one after another and each writes the latest progress, so a timer's flush and a
  // delivery's save never put an older position back.
  let writing: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    writing = writing
      .catch(() => undefined)
      .then(async () => {
        if (signal.aborted || saved === progress) return;
        const next = progress;
        await deps.store.saveProgress(definition.id, next, fence);
        saved = next;
        savedAt = Date.now();
      });
    return writing;
  };
  const save = (next: WebhookProgress) => {
    progress = next;
    return persist();
  };
  const flush = setInterval(() => void persist().catch(() => undefined), SKIP_SAVE_MS);
  try {
    const filter = streamFilterOf(definition);
    for await (const event of deps.events.subscribe(progress.position, filter, signal)) {
      if (definition.types !== null && !definition.types.includes(event.type)) {
        progress = { ...progress, position: event.position };
        if (Date.now() - savedAt >= SKIP_SAVE_MS) await save(progress);
        continue;
      }
      await deliverOne(definition, event, deps, signal, progress, save);
      await save(initialProgress(event.position, deps.now().toISOString()));
    }
  } finally {
    clearInterval(flush);
  }
}

async function deliverOne(
  definition: WebhookDefinition,
  event: RecordedEvent,
  deps: DelivererDeps,
  signal: AbortSignal,
  start: WebhookProgress,
  save: (progress: WebhookProgress) => Promise<void>,
): Promise<void> {
  let progress = start;
  for (;;) {
    signal.throwIfAborted();
    const outcome = await attemptDelivery(definition, event, deps, signal);
    // An attempt cut short by the abort (lease lost, shutdown) is no receiver's failure: not counted.
    if (outcome.ok || !signal.aborted)
      deps.observer?.attempted(definition.id, outcome.ok ? 'delivered' : 'failed');
    if (outcome.ok) return;
    const now = deps.now().toISOString();
    progress = {
      position: progress.position,
      lastError: `event ${event.position}: ${outcome.error}`,
      failingSince: progress.failingSince ?? now,
      attempts: progress.attempts + 1,
      updatedAt: now,
    };
    await save(progress);
    await deps.sleep(backoffDelay(progress.attempts, deps.backoff, deps.random), signal);
  }
}
