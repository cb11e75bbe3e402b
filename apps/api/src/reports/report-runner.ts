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
// read models per (asOf, head), so that reports as of one date replay each read model once.
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
    const now = this.now().toISOString();
    return asOf === null || asOf >= now ? this.runLive(request, asOf ?? now) : this.runAsOf(request, asOf);
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
    return this.cached(request, asOf, `head:${head}`, async () => {
      const history = await this.historyAsOf(asOf, REPORT_LOADERS[request.name].projections, head);
      return this.compute(request, asOf, history, head);
    });
  }

  /**
   * The named read models as they were at `asOf`: replayed over the log up to its head (now, or
   * `head` when given), shared with every other read as of the same date until the log grows.
   */
  async historyAsOf(asOf: string, projections: readonly string[], head?: number): Promise<HistoryAsOf> {
    const upTo = head ?? (await this.events.headPosition()) ?? 0;
    const key = `${asOf}@${upTo}`;
    let history = this.histories.get(key);
    if (!history) {
      history = new HistoryAsOf(this.events, asOf, upTo);
      this.histories.set(key, history);
    }
    try {
      await history.ensure(projections);
    } catch (error) {
      this.histories.delete(key);
      throw error;
    }
    return history;
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
