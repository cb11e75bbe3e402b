export const REPORT_NAMES = [
  'funnel',
  'stage-velocity',
  'cycle-time',
  'win-rate',
  'lead-conversion',
  'new-customers',
  'forecast',
  'quota-attainment',
  'reps',
  'pipeline',
  'slippage',
  'stuck-deals',
  'customer-value',
  'pipeline-flow',
  'forecast-accuracy',
] as const;

export type ReportName = (typeof REPORT_NAMES)[number];

export const isReportName = (value: unknown): value is ReportName =>
  typeof value === 'string' && (REPORT_NAMES as readonly string[]).includes(value);

// Which parameters each report takes: a window (from/to), a quota period, a groupBy, and whether
// it follows a stage order (pipelineId defaults to `default`) or covers every pipeline unless given;
// `at`: the instants a report compares (forecast-accuracy).
export type ReportShape = {
  window: boolean;
  period: boolean;
  groupBy: boolean;
  pipeline: 'default' | 'optional' | 'none';
  at?: true;
};

export const REPORT_SHAPES: Record<ReportName, ReportShape> = {
  funnel: { window: true, period: false, groupBy: true, pipeline: 'default' },
  'stage-velocity': { window: true, period: false, groupBy: true, pipeline: 'default' },
  'cycle-time': { window: true, period: false, groupBy: true, pipeline: 'optional' },
  'win-rate': { window: true, period: false, groupBy: true, pipeline: 'optional' },
  'lead-conversion': { window: true, period: false, groupBy: false, pipeline: 'none' },
  'new-customers': { window: true, period: false, groupBy: false, pipeline: 'optional' },
  forecast: { window: true, period: false, groupBy: false, pipeline: 'default' },
  'quota-attainment': { window: false, period: true, groupBy: false, pipeline: 'optional' },
  reps: { window: true, period: false, groupBy: false, pipeline: 'optional' },
  pipeline: { window: false, period: false, groupBy: false, pipeline: 'default' },
  slippage: { window: true, period: false, groupBy: false, pipeline: 'optional' },
  'stuck-deals': { window: false, period: false, groupBy: false, pipeline: 'default' },
  'customer-value': { window: true, period: false, groupBy: false, pipeline: 'none' },
  'pipeline-flow': { window: true, period: false, groupBy: false, pipeline: 'default' },
  'forecast-accuracy': { window: true, period: false, groupBy: false, pipeline: 'default', at: true },
};
