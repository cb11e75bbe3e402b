import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeliveryLease, DeliveryLeaseHandle } from './delivery-lease.js';
import { DelivererDeps, runDeliverer } from './webhook-deliverer.js';
import { pendingEvents } from './webhook-lag.js';
import type { WebhookState } from './webhook-observer.js';
import type { WebhookDefinition } from './webhook.js';

export type DispatcherOptions = {
  /** How often the webhook list is read and leases renewed. */
  pollMs?: number;
  leaseTtlMs?: number;
  owner?: string;
  onError?: (webhookId: string, error: unknown) => void;
};

type Running = {
  definition: WebhookDefinition;
  lease: DeliveryLeaseHandle;
  abort: AbortController;
  done: Promise<void>;
};

export const deliveryLeaseName = (webhookId: string) => `webhook:${webhookId}`;

// Runs a deliverer for every webhook whose lease this process holds, off the request path: a slow
// or dead receiver holds up only its own deliverer. A webhook changed (url, filter, secret) is
// restarted from its stored position; one deleted is stopped; one whose lease passed elsewhere is
// stopped here. A deliverer that fails (the event store away) is started again on the next poll.
export class WebhookDispatcher {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private busy = false;
  private readonly pollMs: number;
  private readonly ttlMs: number;
  private readonly owner: string;

  constructor(
    private readonly deps: DelivererDeps,
    private readonly lease: DeliveryLease,
    private readonly options: DispatcherOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2_000;
    this.ttlMs = options.leaseTtlMs ?? 15_000;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.timer) return;
    this.poll();
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.all([...this.running.keys()].map((id) => this.halt(id)));
  }

  // Only the webhooks this process delivers: with several processes, each webhook is reported once,
  // by its lease holder, so that a sum over processes counts it once.
  async states(): Promise<WebhookState[]> {
    return Promise.all(
      [...this.running.values()].map(async ({ definition }) => {
        const progress = await this.deps.store.progress(definition.id);
        const lag = await pendingEvents(this.deps.events, progress?.position ?? null, definition).catch(
          () => null,
        );
        return { webhook: definition.id, lag, failingSince: progress?.failingSince ?? null };
      }),
    );
  }

  // A poll that finds the previous one still running (a slow store) is skipped, not queued.
  private poll(): void {
    if (this.busy) return;
    this.busy = true;
    this.ticking = this.tick()
      .catch((error) => this.options.onError?.('*', error))
      .finally(() => (this.busy = false));
  }

  private async tick(): Promise<void> {
    const definitions = await this.deps.store.list();
    const wanted = new Map(definitions.map((d) => [d.id, d]));
    for (const [id, run] of this.running) {
      const definition = wanted.get(id);
      if (
        !definition ||
        definition.updatedAt !== run.definition.updatedAt ||
        !(await this.lease.renew(run.lease, this.ttlMs))
      )
        await this.halt(id);
    }
    for (const definition of definitions) {
      if (this.running.has(definition.id) || !this.timer) continue;
      const handle = await this.lease.acquire(deliveryLeaseName(definition.id), this.owner, this.ttlMs);
      if (!handle) continue;
      const abort = new AbortController();
      const done = runDeliverer(definition, this.deps, abort.signal, handle)
        .catch((error: unknown) => {
          if (!abort.signal.aborted) this.options.onError?.(definition.id, error);
        })
        .finally(() => {
          // Ended on its own (an error): free the lease so the next poll starts it again.
          if (this.running.get(definition.id)?.abort === abort) {
            this.running.delete(definition.id);
            void this.lease.release(handle).catch(() => undefined);
          }
        });
      this.running.set(definition.id, { definition, lease: handle, abort, done });
    }
  }

  private async halt(id: string): Promise<void> {
    const run = this.running.get(id);
    if (!run) return;
    this.running.delete(id);
    run.abort.abort();
    await run.done;
    await this.lease.release(run.lease).catch(() => undefined);
  }
}
