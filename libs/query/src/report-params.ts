import { type GroupBy, type ReportName, REPORT_SHAPES } from '@sales/reports';

// A report request after validation: canonical timestamps, defaults applied, null = not given.
// `asOf` null means now; `knownAt` null means everything recorded so far.
export type ReportParams = {
  from: string | null;
  to: string | null;
  period: string | null;
  asOf: string | null;
  knownAt: string | null;
  ownerId: string | null;
  source: string | null;
  pipelineId: string | null;
  groupBy: GroupBy | null;
  lookbackDays: number | null;
  /** The instants a report compares, canonical, in the order given. */
  at?: string[] | null;
};

export type ReportRequest = {
  name: ReportName;
  params: ReportParams;
  minPosition: number | null;
  /** candidate: each projection's candidate generation where it has one (default: serving). */
  generation?: 'serving' | 'candidate';
};

// The parameters a report takes, echoed in its response in this order (asOf as used: now when
// not given).
export function echoedParams(
  name: ReportName,
  params: ReportParams,
  asOf: string,
  minPosition: number | null,
) {
  const shape = REPORT_SHAPES[name];
  return {
    report: name,
    ...(shape.window ? { from: params.from, to: params.to } : {}),
    ...(shape.period ? { period: params.period } : {}),
    asOf,
    ...(params.knownAt !== null ? { knownAt: params.knownAt } : {}),
    ownerId: params.ownerId,
    source: params.source,
    ...(shape.pipeline !== 'none' ? { pipelineId: params.pipelineId } : {}),
    ...(shape.groupBy ? { groupBy: params.groupBy } : {}),
    ...(name === 'stuck-deals' ? { lookbackDays: params.lookbackDays } : {}),
    ...(shape.at ? { at: params.at ?? null } : {}),
    minPosition,
  };
}

export const STUCK_DEALS_LOOKBACK_DAYS = 365;

export function withDefaults(name: ReportName, params: ReportParams): ReportParams {
  const pipelineId =
    REPORT_SHAPES[name].pipeline === 'default' && params.pipelineId === null ? 'default' : params.pipelineId;
  const lookbackDays =
    name === 'stuck-deals' && params.lookbackDays == null ? STUCK_DEALS_LOOKBACK_DAYS : params.lookbackDays;
  return pipelineId === params.pipelineId && lookbackDays === params.lookbackDays
    ? params
    : { ...params, pipelineId, lookbackDays };
}
