import type { EventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, Replay } from '@sales/projections';
import { type GenerationRef, MemoryReadStore } from '@sales/read-store';
import type { ReportReads } from './report-reads.js';

// Small pages: a page's events die young, in the young generation, instead of being promoted.
const PAGE = 2000;
const GATHER_MS = 25;

// The read models as they were at a past business time: every event up to `head` (the log as it
// was when first asked) whose occurredAt ≤ asOf, through the very same projections, into memory.
// Read in pages and replayed page by page, so the history never sits in memory at once; only the
// projections a report reads are replayed, and the ones a later report needs are added to the
// same store.
export class HistoryAsOf implements ReportReads {
  readonly store = new MemoryReadStore();
  private readonly refs = new Map<string, GenerationRef>();
  private work: Promise<void> = Promise.resolve();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly events: EventStore,
    readonly asOf: string,
    readonly head: number,
  ) {}

  ref = (projection: string): GenerationRef => {
    const ref = this.refs.get(projection);
    if (!ref) throw new Error(`read model ${projection} was not replayed`);
    return ref;
  };

  /**
   * Replays the named projections unless done already; one replay at a time. The names asked for
   * within a few milliseconds of each other, or while a replay runs, are replayed together in one
   * pass over the log: a dashboard asking for all its reports as of one date at once waits for one
   * pass, not one per report.
   */
  ensure(names: readonly string[]): Promise<void> {
    for (const name of names) this.wanted.add(name);
    this.work = this.work.then(() => this.replayWanted());
    return this.work;
  }

  private async replayWanted(): Promise<void> {
    if ([...this.wanted].every((name) => this.refs.has(name))) {
      this.wanted.clear();
      return;
    }
    // The requests of one page arrive within milliseconds of each other: gather them first.
    await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    const names = [...this.wanted];
    this.wanted.clear();
    const projections = ALL_PROJECTIONS.filter((p) => names.includes(p.name) && !this.refs.has(p.name));
    if (projections.length === 0) return;
    // The streams a catch-up of these projections reads, as the live runtime does.
    const streamPrefixes = [...new Set(projections.flatMap((p) => p.streamPrefixes))];
    const run = await Replay.into(this.store, projections);
    for (let after: number | null = null; after === null || after < this.head;) {
      const page = await this.events.readFacts(after, PAGE, { streamPrefixes });
      if (page.length === 0) break;
      const kept = page.filter((e) => e.position <= this.head && String(e.data.occurredAt) <= this.asOf);
      await run.apply(kept);
      after = page[page.length - 1].position;
    }
    for (const [name, ref] of await run.finish()) this.refs.set(name, ref);
  }
}
