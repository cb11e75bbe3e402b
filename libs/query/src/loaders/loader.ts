import type { ReportParams } from '../report-params.js';
import type { ReportReads } from '../report-reads.js';

// Parameters as a loader sees them: asOf resolved (now when not given), defaults applied.
export type LoadParams = ReportParams & { asOf: string };

export type ReportLoader = {
  /** The read models it reads: their positions make the response's `position`. */
  projections: readonly string[];
  load: (reads: ReportReads, params: LoadParams) => Promise<object>;
};

export const filters = (params: LoadParams) => ({ ownerId: params.ownerId, source: params.source });
export const window = (params: LoadParams) => ({ from: params.from as string, to: params.to as string });
