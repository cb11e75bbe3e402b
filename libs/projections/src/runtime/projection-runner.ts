import type { EventStore } from '@sales/event-store';
import {
  type GenerationRef,
  isFenced,
  type Lease,
  type ProjectionRecord,
  type ReadStore,
} from '@sales/read-store';
import { runGeneration } from './generation-loop.js';
import type { ReadPage } from './page-reader.js';
import type { Projection } from './projection.js';
import type { RowBudget } from './row-budget.js';
import { type CandidateRef, CandidateError, type GenerationChoice } from './projection-control.js';
import type { ProjectionInfo, PromoteMode } from './projection-status.js';

type Loop = {
  generation: number;
  abort: AbortController;
  done: Promise<void>;
  position: number | null;
  caughtUp: boolean;
  promote: PromoteMode;
};

type Rebuilding = { generation: number; promote?: PromoteMode };

export type RunnerOptions = {
  dropDelayMs?: number;
  readPage?: ReadPage;
  rowBudget?: RowBudget;
  /** What other processes read of it changed: a rebuild started, a candidate caught up, a swap, a drop. */
  onChange?: () => void;
};

// Owns one projection while this process holds its lease: feeds its serving generation, builds a
// new one beside it on demand or when the code version changed, and swaps it in once it has
// caught up (blue/green). The serving generation never stops answering queries while the next one
// is built. A rebuild asked for with promote=manual is a candidate instead: it catches up and stays
// live beside the serving generation, readable and comparable, until it is promoted or dropped.
// Every write carries the lease as a fence; the first one refused (another process holds
// the lease now) stops the runner and tells its owner through `onFenced`. No failure of the store
// escapes as a rejection: each ends in `lastError`, and the loops retry.
export class ProjectionRunner {
  private live: Loop | null = null;
  private next: Loop | null = null;
  private lastError: string | null = null;
  private failed = false;
  private rebuildStarted = 0;
  private rebuildEvents = 0;
  private readonly waiters = new Set<() => void>();
  private fenced = false;

  constructor(
    readonly projection: Projection,
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    readonly fence: Lease,
    private readonly options: RunnerOptions = {},
    private readonly onFenced: (error: unknown) => void = () => undefined,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** The generation queries must read; null until the first build has started. */
  get serving(): GenerationRef | null {
    return this.live ? { projection: this.name, generation: this.live.generation } : null;
  }

  get position(): number | null {
    return this.live?.position ?? null;
  }

  /** The candidate generation (a rebuild with promote=manual), null when there is none. */
  get candidate(): CandidateRef | null {
    const next = this.next;
    return next?.promote === 'manual'
      ? { projection: this.name, generation: next.generation, caughtUp: next.caughtUp }
      : null;
  }

  async start(): Promise<void> {
    const record = await this.record();
    const active = record?.activeGeneration ?? null;
    if (active === null) {
      await this.readStore.activate(
        this.name,
        1,
        { version: this.projection.version, rebuilding: null },
        this.fence,
      );
      this.live = this.startLoop(1, 'auto');
      return;
    }
    this.live = this.startLoop(active, 'auto');
    // A candidate waiting for its promotion stays one: a changed code version does not replace it.
    const unfinished = record?.meta.rebuilding as Rebuilding | null | undefined;
    if (unfinished) this.rebuild(unfinished.promote ?? 'auto', unfinished.generation);
    else if (record?.meta.version !== this.projection.version) this.rebuild();
  }

  /**
   * Starts building a new generation (or resumes one) unless a rebuild is already running: a
   * running one asked for again with promote=manual becomes the candidate; a candidate is not
   * replaced by a plain rebuild (CANDIDATE_EXISTS: promote or drop it first).
   */
  rebuild(promote: PromoteMode = 'auto', resume?: number): number {
    const running = this.next;
    if (running) {
      if (running.promote === promote) return running.generation;
      if (promote === 'auto')
        throw new CandidateError(
          'CANDIDATE_EXISTS',
          `${this.name} has a candidate (generation ${running.generation}): promote or drop it first`,
        );
      running.promote = 'manual';
      this.noteRebuilding(running);
      this.changed();
      return running.generation;
    }
    const generation = resume ?? Math.max(this.live?.generation ?? 0, 0) + 1;
    this.rebuildStarted = Date.now();
    this.rebuildEvents = 0;
    this.next = this.startLoop(generation, promote);
    this.noteRebuilding(this.next);
    this.changed();
    return generation;
  }

  /** Swaps the candidate in at once; it must have caught up with the log. */
  async promote(): Promise<void> {
    const next = this.next;
    if (next?.promote !== 'manual') throw new CandidateError('NO_CANDIDATE', `${this.name} has no candidate`);
    if (!next.caughtUp)
      throw new CandidateError(
        'CANDIDATE_NOT_CAUGHT_UP',
        `the candidate of ${this.name} (generation ${next.generation}) has not caught up with the log yet`,
      );
    await this.swap(next);
    if (this.live !== next)
      throw new Error(this.lastError ?? `the candidate of ${this.name} was not swapped in`);
  }

  /** Stops the candidate and drops its generation at once (its number is taken again by the next one). */
  async dropCandidate(): Promise<void> {
    const next = this.next;
    if (next?.promote !== 'manual') throw new CandidateError('NO_CANDIDATE', `${this.name} has no candidate`);
    this.next = null;
    next.abort.abort();
    await next.done;
    await this.readStore.updateMeta(this.name, { rebuilding: null, rebuild: null }, this.fence);
    await this.readStore.dropGeneration({ projection: this.name, generation: next.generation }, this.fence);
    this.changed();
  }

  info(head: number | null): ProjectionInfo {
    const position = this.live?.position ?? null;
    const next = this.next;
    const seconds = (Date.now() - this.rebuildStarted) / 1000;
    return {
      name: this.name,
      version: this.projection.version,
      status: this.failed
        ? 'failed'
        : next?.promote === 'auto' || !this.live?.caughtUp
          ? 'rebuilding'
          : 'live',
      generation: this.live?.generation ?? null,
      position,
      lag: head === null ? 0 : head - (position ?? 0),
      lastError: this.lastError,
      rebuild: next
        ? {
            generation: next.generation,
            position: next.position,
            eventsPerSecond: seconds > 0 ? Math.round(this.rebuildEvents / seconds) : null,
            promote: next.promote,
            caughtUp: next.caughtUp,
          }
        : null,
    };
  }

  /** Resolves once the serving generation (or the candidate) has applied `position` (false on timeout). */
  async waitFor(
    position: number,
    timeoutMs: number,
    generation: GenerationChoice = 'serving',
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const loop = () =>
      generation === 'candidate' && this.next?.promote === 'manual' ? this.next : this.live;
    while ((loop()?.position ?? -1) < position) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 250));
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
    return true;
  }

  async stop(): Promise<void> {
    const loops = [this.live, this.next].filter((loop): loop is Loop => loop !== null);
    for (const loop of loops) loop.abort.abort();
    await Promise.all(loops.map((loop) => loop.done));
  }

  private changed(): void {
    this.options.onChange?.();
  }

  private startLoop(generation: number, promote: PromoteMode): Loop {
    const abort = new AbortController();
    const loop: Loop = {
      generation,
      abort,
      done: Promise.resolve(),
      position: null,
      caughtUp: false,
      promote,
    };
    loop.done = runGeneration(
      this.projection,
      { projection: this.name, generation },
      this.events,
      this.readStore,
      abort.signal,
      {
        onFenced: (error) => this.handle(error),
        onBatch: (position, count, caughtUp) => {
          loop.position = position;
          if (caughtUp && !loop.caughtUp) {
            loop.caughtUp = true;
            this.changed();
          }
          if (this.lastError && !this.failed) this.lastError = null;
          if (loop === this.next) {
            this.rebuildEvents += count;
            if (caughtUp && loop.promote === 'auto') this.swap(loop).catch((error) => this.handle(error));
          }
          for (const wake of [...this.waiters]) wake();
        },
        onError: (error, fatal) => {
          this.noteError(error);
          if (fatal) this.failed = loop === this.live || this.failed;
        },
      },
      { readPage: this.options.readPage, rowBudget: this.options.rowBudget, fence: this.fence },
    ).catch((error) => this.handle(error));
    return loop;
  }

  private async swap(next: Loop): Promise<void> {
    if (this.next !== next) return;
    const old = this.live;
    try {
      await this.readStore.activate(
        this.name,
        next.generation,
        { version: this.projection.version, rebuilding: null, rebuild: null },
        this.fence,
      );
    } catch (error) {
      this.handle(error);
      return;
    }
    this.live = next;
    this.next = null;
    this.failed = false;
    this.changed();
    if (!old) return;
    old.abort.abort();
    await old.done;
    // Other processes may still read the old generation for a moment after the swap.
    const drop = () =>
      this.readStore
        .dropGeneration({ projection: this.name, generation: old.generation }, this.fence)
        .catch((e) => this.handle(e));
    if (this.options.dropDelayMs) setTimeout(drop, this.options.dropDelayMs).unref();
    else await drop();
  }

  private noteRebuilding(loop: Loop): void {
    const rebuilding: Rebuilding = { generation: loop.generation, promote: loop.promote };
    this.readStore.updateMeta(this.name, { rebuilding }, this.fence).catch((error) => this.handle(error));
  }

  private async record(): Promise<ProjectionRecord | undefined> {
    return (await this.readStore.projections()).find((p) => p.projection === this.name);
  }

  private noteError(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
  }

  // A refused write means another process runs this projection now: stop at once, say so once.
  private handle(error: unknown): void {
    this.noteError(error);
    if (!isFenced(error) || this.fenced) return;
    this.fenced = true;
    for (const loop of [this.live, this.next]) loop?.abort.abort();
    this.onFenced(error);
  }
}
