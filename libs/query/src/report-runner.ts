import type { EventStore } from '@sales/event-store';
import type { GenerationRef, ReadStore } from '@sales/read-store';
import { HistoryAsOf } from './history-as-of.js';
import { REPORT_LOADERS } from './loaders/index.js';
import { Lru } from './lru.js';
import { echoedParams, type ReportRequest, withDefaults } from './report-params.js';
import type { ReportReads } from './report-reads.js';

// Where the live read models are: the serving generation of a projection, once it has processed
// `minPosition` (read-your-writes).
export interface LiveReadModels {
  readonly store: ReadStore;
  serving(projection: string, minPosition: number | null): Promise<GenerationRef>;
}

export type ReportResponse = Record<string, unknown> & { report: string; position: number };

export type ReportRunnerOptions = { results?: number; histories?: number };

// Runs a report on the live read models, or — for an asOf in the past — on the same projections
// replayed over the history up to that business time; then the same loader and report function.
// Results are cached per (report, parameters, read-model position or event-store head); replayed
// read models per asOf, so that reports as of one date replay each read model once, and catch up
// with the events appended since when the log has grown.
export class ReportRunner {
  private readonly results: Lru<Promise<ReportResponse>>;
  private readonly histories: Lru<HistoryAsOf>;

  constructor(
    private readonly events: EventStore,
    private readonly live: LiveReadModels,
    private readonly now: () => Date,
    options: ReportRunnerOptions = {},
  ) {
    this.results = new Lru(options.results ?? 256);
    this.histories = new Lru(options.histories ?? 1);
  }

  run(request: ReportRequest): Promise<ReportResponse> {
    const asOf = request.params.asOf;
    return this.isPast(asOf) ? this.runAsOf(request, asOf) : this.runLive(request, asOf ?? this.nowIso());
  }

  /** Whether a read as of `asOf` needs the history replayed: a time before now. */
  isPast(asOf: string | null): asOf is string {
    return asOf !== null && asOf < this.nowIso();
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  async runLive(request: ReportRequest, asOf: string): Promise<ReportResponse> {
    const loader = REPORT_LOADERS[request.name];
    const refs = new Map<string, GenerationRef>();
    for (const projection of loader.projections)
      refs.set(projection, await this.live.serving(projection, request.minPosition));
    // Read before the rows: the rows are at least this far along.
    const checkpoints = await Promise.all([...refs.values()].map((ref) => this.live.store.checkpoint(ref)));
    const position = Math.min(...checkpoints.map((c) => c ?? 0));
    const reads: ReportReads = { store: this.live.store, ref: (p) => refs.get(p) as GenerationRef };
    return this.cached(
      request,
      asOf,
      `live:${[...refs.values()].map((r) => r.generation)}:${checkpoints}`,
      () => this.compute(request, asOf, reads, position),
    );
  }

  async runAsOf(request: ReportRequest, asOf: string): Promise<ReportResponse> {
    // The event store holds every appended event: a minPosition is satisfied at once.
    const head = (await this.events.headPosition()) ?? 0;
    return this.cached(request, asOf, `head:${head}`, () =>
      this.readAsOf(asOf, REPORT_LOADERS[request.name].projections, head, (reads) =>
        this.compute(request, asOf, reads, head),
      ),
    );
  }

  /**
   * Runs `read` on the named read models as they were at `asOf`, replayed over the log up to
   * `head` at least (its head now when not given). The replay is kept per date and shared with
   * every read as of that date; a later head applies only the events appended since.
   */
  async readAsOf<T>(
    asOf: string,
    projections: readonly string[],
    head: number | null,
    read: (reads: ReportReads) => Promise<T>,
  ): Promise<T> {
    const upTo = head ?? (await this.events.headPosition()) ?? 0;
    let history = this.histories.get(asOf);
    if (!history) {
      history = new HistoryAsOf(this.events, asOf, upTo);
      this.histories.set(asOf, history);
    }
    try {
      return await history.read(projections, upTo, read);
    } catch (error) {
      // A replay that failed half-way is dropped; the next read as of this date starts afresh.
      if (history.broken && this.histories.get(asOf) === history) this.histories.delete(asOf);
      throw error;
    }
  }

  private async compute(request: ReportRequest, asOf: string, reads: ReportReads, position: number) {
    const params = withDefaults(request.name, request.params);
    const figures = await REPORT_LOADERS[request.name].load(reads, { ...params, asOf });
    return {
      ...echoedParams(request.name, params, asOf, request.minPosition),
      position,
      ...figures,
    } as ReportResponse;
  }

  private cached(
    request: ReportRequest,
    asOf: string,
    version: string,
    compute: () => Promise<ReportResponse>,
  ): Promise<ReportResponse> {
    const key = JSON.stringify([
      request.name,
      withDefaults(request.name, request.params),
      asOf,
      request.minPosition,
      version,
    ]);
    const hit = this.results.get(key);
    if (hit) return hit;
    const result = compute();
    this.results.set(key, result);
    result.catch(() => this.results.delete(key));
    return result;
  }
}
