import type { EventStore } from '@sales/event-store';
import { isFenced, type Lease, type ProjectionRecord, type ReadStore } from '@sales/read-store';
import type { Projection } from './projection.js';
import { ProjectionRunner, type RunnerOptions } from './projection-runner.js';
import type { PromoteMode } from './projection-status.js';

// What another process may ask of the runner through the registry: `<action>RequestedAt`,
// answered by `<action>AcceptedAt`.
const REQUESTS = ['rebuild', 'promote', 'drop'] as const;
type Request = (typeof REQUESTS)[number];

export type LeaseTiming = { ttlMs: number; renewEveryMs: number };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// One projection in one engine: runs it (a ProjectionRunner) only while this process holds its
// lease. `keep` is called every few seconds: it renews a lease held, or tries to take a free one.
// Nothing here throws: a store that fails is noted in `lastError` and tried again next time.
export class ProjectionSlot {
  runner: ProjectionRunner | null = null;
  lastError: string | null = null;
  private lease: Lease | null = null;
  // Local monotonic time at which the last successful renewal was sent. Past it by a ttl, the
  // lease may have expired and been taken: the runner stops rather than write blind (its writes
  // would be refused anyway; this keeps it from trying).
  private renewedAt = 0;

  constructor(
    readonly projection: Projection,
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    private readonly owner: string,
    private readonly timing: LeaseTiming,
    private readonly options: RunnerOptions,
    private readonly log: (line: string) => void,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  get fence(): Lease | null {
    return this.lease;
  }

  async keep(): Promise<void> {
    const sent = performance.now();
    try {
      if (this.lease) {
        if (await this.readStore.renewLease(this.lease, this.timing.ttlMs)) this.renewedAt = sent;
        else await this.stepDown('its lease passed to another process');
        return;
      }
      const lease = await this.readStore.acquireLease(this.name, this.owner, this.timing.ttlMs);
      if (lease) await this.run(lease, sent);
    } catch (error) {
      this.lastError = message(error);
      if (this.lease && performance.now() - this.renewedAt > this.timing.ttlMs)
        await this.stepDown(`its lease could not be renewed for ${this.timing.ttlMs} ms: ${message(error)}`);
    }
  }

  /** Stops running the projection; the lease is left to expire (it may not be ours any more). */
  async stepDown(reason: string): Promise<void> {
    const runner = this.runner;
    if (!this.lease) return;
    this.lease = null;
    this.runner = null;
    this.lastError = `stepped down: ${reason}`;
    this.log(`${this.name}: stepped down, ${reason}`);
    await runner?.stop();
  }

  /** On stop: finish the batch in hand, then give the lease up at once for another to take. */
  async release(): Promise<void> {
    const [runner, lease] = [this.runner, this.lease];
    this.runner = null;
    this.lease = null;
    await runner?.stop();
    if (lease) await this.readStore.releaseLease(lease).catch((error) => (this.lastError = message(error)));
  }

  /**
   * Publishes the runner's state in the registry, and carries out the rebuilds, promotions and
   * candidate drops other processes asked for.
   */
  async publish(record: ProjectionRecord | undefined, head: number | null): Promise<void> {
    const [runner, fence] = [this.runner, this.lease];
    if (!runner || !fence) return;
    try {
      // A request is accepted once, by whichever process holds the lease when it sees it: one
      // made while the previous holder died is carried out by the next. One the runner's state
      // refuses (the candidate went meanwhile) is accepted all the same, its refusal in lastError.
      for (const request of REQUESTS) {
        const requested = record?.meta[`${request}RequestedAt`] ?? null;
        if (requested === null || requested === record?.meta[`${request}AcceptedAt`]) continue;
        await this.carryOut(runner, request, record?.meta.rebuildPromote as PromoteMode | undefined).catch(
          (error: unknown) => {
            if (isFenced(error)) throw error;
            this.lastError = message(error);
          },
        );
        await this.readStore.updateMeta(this.name, { [`${request}AcceptedAt`]: requested }, fence);
      }
      const info = runner.info(head);
      await this.readStore.updateMeta(
        this.name,
        { status: info.status, position: info.position, lastError: info.lastError, rebuild: info.rebuild },
        fence,
      );
    } catch (error) {
      if (isFenced(error)) await this.stepDown(`a registry write was refused (${message(error)})`);
      else this.lastError = message(error);
    }
  }

  private async carryOut(runner: ProjectionRunner, request: Request, promote?: PromoteMode): Promise<void> {
    switch (request) {
      case 'rebuild':
        runner.rebuild(promote ?? 'auto');
        return;
      case 'promote':
        return runner.promote();
      case 'drop':
        return runner.dropCandidate();
      default: {
        const unreachable: never = request;
        return unreachable;
      }
    }
  }

  private async run(lease: Lease, sent: number): Promise<void> {
    this.lease = lease;
    this.renewedAt = sent;
    const runner = new ProjectionRunner(
      this.projection,
      this.events,
      this.readStore,
      lease,
      this.options,
      // Only while it is still this slot's runner: a late write of an earlier one (a delayed
      // drop) must not stop the runner of a lease taken since.
      (error) => {
        if (this.runner === runner)
          this.stepDown(`a write was refused (${message(error)})`).catch(() => undefined);
      },
    );
    this.runner = runner;
    try {
      await runner.start();
    } catch (error) {
      // Could not even start (the store is down): give the lease back and try again next time.
      this.runner = null;
      this.lease = null;
      await runner.stop().catch(() => undefined);
      await this.readStore.releaseLease(lease).catch(() => undefined);
      throw error;
    }
    this.lastError = null;
    this.log(`${this.name}: took the lease (token ${lease.token})`);
  }
}
