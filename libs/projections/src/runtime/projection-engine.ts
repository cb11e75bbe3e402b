import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '@sales/event-store';
import type { GenerationRef, ReadStore } from '@sales/read-store';
import { sharedPageReader } from './page-reader.js';
import { CATCH_UP_ROWS, RowBudget } from './row-budget.js';
import type { GenerationDiff } from './generation-diff.js';
import type { Projection } from './projection.js';
import {
  CandidateError,
  type CandidateRef,
  type GenerationChoice,
  type ProjectionControl,
  UnknownProjectionError,
} from './projection-control.js';
import type { RunnerOptions } from './projection-runner.js';
import { ProjectionSlot } from './projection-slot.js';
import type { ProjectionInfo, PromoteMode } from './projection-status.js';
import { diffOf, RemoteProjections } from './remote-projections.js';

export type EngineOptions = RunnerOptions & {
  /** How long a lease lasts unrenewed (10 s): a dead engine's projections are taken over after it. */
  leaseTtlMs?: number;
  /** How often leases are renewed, and free ones tried for (3 s). */
  renewEveryMs?: number;
  /** Unique per process unless given. */
  owner?: string;
  /** Takeovers and step-downs; step-downs go to stderr when not given. */
  log?: (line: string) => void;
  /** How often the registry is brought up to date besides each change (1 s). */
  publishEveryMs?: number;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// Runs, in this process, each projection whose lease it holds, and stands by for the others: any
// number of engines may run against the same stores, and each projection is run by exactly one of
// them. Leases are tried for at start and every few seconds, so a standby engine takes over the
// projections of one that stopped (released at once) or died (expired). A projection held
// elsewhere is answered from the registry, as RemoteProjections does; a rebuild, promotion or drop
// asked for it is left in the registry for its holder. Timers never let a rejection escape: store failures end in
// `lastError` and are retried.
export class ProjectionEngine implements ProjectionControl {
  readonly owner: string;
  private readonly slots: Map<string, ProjectionSlot>;
  private readonly remote: RemoteProjections;
  private readonly renewEveryMs: number;
  private readonly publishEveryMs: number;
  private timers: NodeJS.Timeout[] = [];
  private keeping: Promise<void> | null = null;
  private publishing: Promise<void> | null = null;
  /** The publish the runners' latest change started: what rebuild, promote and drop answer after. */
  private changePublished: Promise<void> = Promise.resolve();
  private problem: string | null = null;
  private stopped = false;

  constructor(
    projections: Projection[],
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    options: EngineOptions = {},
  ) {
    const {
      leaseTtlMs = 10_000,
      renewEveryMs = 3000,
      publishEveryMs = 1000,
      owner,
      log,
      onChange,
      ...runner
    } = options;
    this.owner = owner ?? `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
    this.renewEveryMs = renewEveryMs;
    this.publishEveryMs = publishEveryMs;
    // One page reader for all: projections catching up together parse each page once; one row
    // budget for all: together they hold at most CATCH_UP_ROWS unwritten rows.
    // What other processes read of a projection is published at once when it changes, besides
    // every second.
    const shared = {
      readPage: sharedPageReader(events),
      rowBudget: new RowBudget(CATCH_UP_ROWS),
      ...runner,
      onChange: () => {
        onChange?.();
        this.changePublished = this.publishSoon();
      },
    };
    const say = log ?? ((line: string) => line.includes('stepped down') && console.warn(line));
    const timing = { ttlMs: leaseTtlMs, renewEveryMs };
    this.slots = new Map(
      projections.map((p) => [
        p.name,
        new ProjectionSlot(p, events, readStore, this.owner, timing, shared, say),
      ]),
    );
    this.remote = new RemoteProjections(projections, events, readStore);
  }

  async start(): Promise<void> {
    await this.keepLeases();
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => void work(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.renewEveryMs, () => this.keepLeases());
    every(this.publishEveryMs, () => this.publish());
  }

  /** Finishes the batches in hand and releases every lease at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.all([this.keeping, this.publishing]);
    await this.publish(true);
    await Promise.all([...this.slots.values()].map((slot) => slot.release()));
  }

  /** The projections this engine runs now. */
  held(): string[] {
    return [...this.slots.values()].filter((slot) => slot.runner).map((slot) => slot.name);
  }

  async list(): Promise<ProjectionInfo[]> {
    const head = await this.events.headPosition();
    const slots = [...this.slots.values()];
    const remote = slots.every((slot) => slot.runner) ? [] : await this.remote.list();
    return slots.map((slot) => {
      if (!slot.runner) return remote.find((info) => info.name === slot.name) as ProjectionInfo;
      const info = slot.runner.info(head);
      return { ...info, lastError: info.lastError ?? this.problem };
    });
  }

  async info(name: string): Promise<ProjectionInfo> {
    const slot = this.slot(name);
    if (!slot.runner) return this.remote.info(name);
    const info = slot.runner.info(await this.events.headPosition());
    return { ...info, lastError: info.lastError ?? this.problem };
  }

  async rebuild(name: string, promote: PromoteMode = 'auto'): Promise<ProjectionInfo> {
    const runner = this.slot(name).runner;
    if (!runner) return this.remote.rebuild(name, promote);
    runner.rebuild(promote);
    await this.changePublished;
    return this.info(name);
  }

  async promote(name: string): Promise<ProjectionInfo> {
    const runner = this.slot(name).runner;
    if (!runner) return this.remote.promote(name);
    await runner.promote();
    await this.changePublished;
    return this.info(name);
  }

  async dropCandidate(name: string): Promise<ProjectionInfo> {
    const runner = this.slot(name).runner;
    if (!runner) return this.remote.dropCandidate(name);
    await runner.dropCandidate();
    await this.changePublished;
    return this.info(name);
  }

  async diff(name: string): Promise<GenerationDiff> {
    const slot = this.slot(name);
    const runner = slot.runner;
    if (!runner) return this.remote.diff(name);
    const candidate = runner.candidate;
    if (!candidate) throw new CandidateError('NO_CANDIDATE', `${name} has no candidate`);
    return diffOf(this.readStore, slot.projection, runner.serving, candidate);
  }

  /** The generation this engine serves, if it runs the projection. */
  serving(name: string): GenerationRef | null {
    return this.slot(name).runner?.serving ?? null;
  }

  async servingRef(name: string, fresh = false): Promise<GenerationRef | null> {
    return this.serving(name) ?? this.remote.servingRef(name, fresh);
  }

  async candidateRef(name: string, fresh = false): Promise<CandidateRef | null> {
    const runner = this.slot(name).runner;
    return runner ? runner.candidate : this.remote.candidateRef(name, fresh);
  }

  /** Waits until every named projection (or its candidate) has applied `position`; false after `timeoutMs`. */
  async waitFor(
    position: number,
    names: string[],
    timeoutMs: number,
    generation: GenerationChoice = 'serving',
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      const runner = this.slot(name).runner;
      const left = Math.max(0, deadline - Date.now());
      const reached = runner
        ? await runner.waitFor(position, left, generation)
        : await this.remote.waitFor(position, [name], left, generation);
      if (!reached) return false;
    }
    return true;
  }

  private slot(name: string): ProjectionSlot {
    const slot = this.slots.get(name);
    if (!slot) throw new UnknownProjectionError(`no projection named ${name}`);
    return slot;
  }

  private keepLeases(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.keeping ??= Promise.all([...this.slots.values()].map((slot) => slot.keep()))
      .then(() => undefined)
      .finally(() => (this.keeping = null));
    return this.keeping;
  }

  private publish(final = false): Promise<void> {
    if (this.stopped && !final) return Promise.resolve();
    this.publishing ??= this.publishNow().finally(() => (this.publishing = null));
    return this.publishing;
  }

  // Once the publish under way (which may have read the state before a change) is done.
  private publishSoon(): Promise<void> {
    return (this.publishing ?? Promise.resolve()).then(() => this.publish());
  }

  private async publishNow(): Promise<void> {
    const held = [...this.slots.values()].filter((slot) => slot.runner);
    if (held.length === 0) return;
    try {
      const [head, records] = await Promise.all([this.events.headPosition(), this.readStore.projections()]);
      this.problem = null;
      for (const slot of held)
        await slot.publish(
          records.find((r) => r.projection === slot.name),
          head,
        );
    } catch (error) {
      this.problem = message(error);
    }
  }
}
