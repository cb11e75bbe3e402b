import type { EventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, type Projection, Replay } from '@sales/projections';
import { type GenerationRef, MemoryReadStore } from '@sales/read-store';
import type { ReportReads } from './report-reads.js';

// Small pages: a page's events die young, in the young generation, instead of being promoted.
const PAGE = 2000;
// The requests of one page (a dashboard's panels) arrive within milliseconds of each other.
const GATHER_MS = 25;

// The read models as they were at a past business time: the events of the log up to `head` whose
// occurredAt ≤ asOf, through the very same projections, into memory. Read in pages and replayed
// page by page, so the history never sits in memory at once; only the projections a report reads
// are replayed, and the ones a later report needs are added to the same store.
//
// The log only grows, and the projections apply its events in log order, so the read models at a
// later head are these read models with the events appended since applied on top (those with
// occurredAt ≤ asOf; a backdated event counts, a later one does not): a newer head costs the tail
// of the log, not another replay of all of it.
//
// Replays, catch-ups and the reads that use them run one at a time, so a read never sees one read
// model caught up and another not yet.
export class HistoryAsOf implements ReportReads {
  readonly store = new MemoryReadStore();
  private readonly refs = new Map<string, GenerationRef>();
  private readonly wanted = new Set<string>();
  private work: Promise<unknown> = Promise.resolve();
  private replayedTo: number;
  /** Set when a replay failed half-way: these read models can no longer be trusted. */
  broken: unknown = null;

  constructor(
    private readonly events: EventStore,
    readonly asOf: string,
    head: number,
  ) {
    this.replayedTo = head;
  }

  /** How far in the log the read models are. */
  get head(): number {
    return this.replayedTo;
  }

  ref = (projection: string): GenerationRef => {
    const ref = this.refs.get(projection);
    if (!ref) throw new Error(`read model ${projection} was not replayed`);
    return ref;
  };

  /**
   * Runs `read` on the named read models once they are replayed and at least at `head`. The names
   * asked for within a few milliseconds of each other, or while a replay runs, are replayed
   * together in one pass over the log: a dashboard asking for all its reports as of one date at
   * once waits for one pass, not one per report.
   */
  read<T>(names: readonly string[], head: number, read: (reads: ReportReads) => Promise<T>): Promise<T> {
    for (const name of names) this.wanted.add(name);
    const result = this.work.then(async () => {
      if (this.broken) throw this.broken;
      try {
        await this.catchUp(head);
        await this.replayWanted();
      } catch (error) {
        this.broken = error;
        throw error;
      }
      return read(this);
    });
    this.work = result.catch(() => undefined);
    return result;
  }

  /** Applies the events appended since the last replay to the read models replayed so far. */
  private async catchUp(head: number): Promise<void> {
    if (head <= this.replayedTo) return;
    const projections = ALL_PROJECTIONS.filter((p) => this.refs.has(p.name));
    if (projections.length > 0) await this.replay(projections, this.replayedTo, head);
    this.replayedTo = head;
  }

  private async replayWanted(): Promise<void> {
    if ([...this.wanted].every((name) => this.refs.has(name))) {
      this.wanted.clear();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    const names = [...this.wanted];
    this.wanted.clear();
    const projections = ALL_PROJECTIONS.filter((p) => names.includes(p.name) && !this.refs.has(p.name));
    if (projections.length > 0) await this.replay(projections, null, this.replayedTo);
  }

  // The events in (after, upTo] of the streams these projections read (as the live runtime does)
  // that had occurred by asOf, onto their generations here (created on the first replay).
  private async replay(projections: Projection[], after: number | null, upTo: number): Promise<void> {
    const streamPrefixes = [...new Set(projections.flatMap((p) => p.streamPrefixes))];
    const run = await Replay.into(this.store, projections);
    for (let from = after; from === null || from < upTo;) {
      const page = await this.events.readFacts(from, PAGE, { streamPrefixes });
      if (page.length === 0) break;
      const kept = page.filter((e) => e.position <= upTo && String(e.data.occurredAt) <= this.asOf);
      await run.apply(kept);
      from = page[page.length - 1].position;
    }
    for (const [name, ref] of await run.finish()) this.refs.set(name, ref);
  }
}
