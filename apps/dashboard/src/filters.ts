// The filters every panel shares, kept in the page's URL so that a view can be shared by its link.

export const PERIOD_PRESETS = {
  'last-30-days': 'Last 30 days',
  'last-90-days': 'Last 90 days',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'this-year': 'This year',
  'last-12-months': 'Last 12 months',
  custom: 'Custom range',
} as const;
export type PeriodPreset = keyof typeof PERIOD_PRESETS;

export type Filters = {
  /** '' = every pipeline (the contract's default for the reports not tied to a stage order) */
  pipelineId: string;
  period: PeriodPreset;
  /** YYYY-MM-DD, inclusive; used when period is custom */
  from: string;
  /** YYYY-MM-DD, exclusive; used when period is custom */
  to: string;
  ownerId: string;
  source: string;
  /** YYYY-MM-DD: the reports as they stood at the end of that day; empty = now */
  asOf: string;
  /** YYYY-Qn, YYYY-MM or YYYY for the quota panel; empty = the quarter the period ends in */
  quotaPeriod: string;
};

export type View =
  | { name: 'overview' }
  | { name: 'deals'; stageId: string; ownerId: string; status: string }
  | { name: 'deal'; dealId: string };

const DAY = 86_400_000;
const isDate = (s: string | null): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(Date.parse(s));
const isId = (s: string | null): s is string => !!s && /^[A-Za-z0-9_.:-]{1,64}$/.test(s);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  const period = p.get('period');
  return {
    pipelineId: isId(p.get('pipelineId')) ? p.get('pipelineId')! : '',
    period: period && period in PERIOD_PRESETS ? (period as PeriodPreset) : 'last-90-days',
    from: isDate(p.get('from')) ? p.get('from')! : '',
    to: isDate(p.get('to')) ? p.get('to')! : '',
    ownerId: isId(p.get('ownerId')) ? p.get('ownerId')! : '',
    source: isId(p.get('source')) ? p.get('source')! : '',
    asOf: isDate(p.get('asOf')) ? p.get('asOf')! : '',
    quotaPeriod: /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(p.get('quotaPeriod') ?? '')
      ? p.get('quotaPeriod')!
      : '',
  };
}

export function readView(search: string): View {
  const p = new URLSearchParams(search);
  const dealId = p.get('dealId');
  if (p.get('view') === 'deal' && isId(dealId)) return { name: 'deal', dealId };
  if (p.get('view') === 'deals')
    return {
      name: 'deals',
      stageId: isId(p.get('stageId')) ? p.get('stageId')! : '',
      ownerId: isId(p.get('dealOwner')) ? p.get('dealOwner')! : '',
      status: ['open', 'won', 'lost'].includes(p.get('status') ?? '') ? p.get('status')! : '',
    };
  return { name: 'overview' };
}

export function toSearch(filters: Filters, view: View): string {
  const p = new URLSearchParams();
  if (filters.pipelineId) p.set('pipelineId', filters.pipelineId);
  p.set('period', filters.period);
  if (filters.period === 'custom') {
    p.set('from', filters.from);
    p.set('to', filters.to);
  }
  if (filters.ownerId) p.set('ownerId', filters.ownerId);
  if (filters.source) p.set('source', filters.source);
  if (filters.asOf) p.set('asOf', filters.asOf);
  if (filters.quotaPeriod) p.set('quotaPeriod', filters.quotaPeriod);
  if (view.name === 'deal') {
    p.set('view', 'deal');
    p.set('dealId', view.dealId);
  } else if (view.name === 'deals') {
    p.set('view', 'deals');
    if (view.stageId) p.set('stageId', view.stageId);
    if (view.ownerId) p.set('dealOwner', view.ownerId);
    if (view.status) p.set('status', view.status);
  }
  return `?${p.toString()}`;
}

/**
 * The pipeline whose stage order a panel follows: the one chosen, or `default` as the contract has
 * it for funnel, stage velocity, forecast and pipeline when every pipeline is chosen.
 */
export const stagePipelineId = (filters: Filters): string => filters.pipelineId || 'default';

/** The instant the reports are computed at: the end of the asOf day, or now. */
export const asOfInstant = (filters: Filters): string | null =>
  filters.asOf ? new Date(Date.parse(filters.asOf) + DAY - 1).toISOString() : null;

/** [from, to) as dates, the preset resolved against the asOf day (or today). */
export function periodRange(filters: Filters, now: number = Date.now()): { from: string; to: string } {
  if (filters.period === 'custom' && filters.from && filters.to)
    return { from: filters.from, to: filters.to };
  const today = new Date(filters.asOf ? Date.parse(filters.asOf) : now);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const tomorrow = Date.UTC(y, m, today.getUTCDate()) + DAY;
  const quarterStart = (year: number, q: number) => Date.UTC(year, q * 3, 1);
  const q = Math.floor(m / 3);
  switch (filters.period) {
    case 'last-30-days':
      return { from: ymd(tomorrow - 30 * DAY), to: ymd(tomorrow) };
    case 'this-quarter':
      return { from: ymd(quarterStart(y, q)), to: ymd(quarterStart(y, q + 1)) };
    case 'last-quarter':
      return { from: ymd(quarterStart(y, q - 1)), to: ymd(quarterStart(y, q)) };
    case 'this-year':
      return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
    case 'last-12-months':
      return { from: ymd(Date.UTC(y - 1, m, today.getUTCDate()) + DAY), to: ymd(tomorrow) };
    default:
      return { from: ymd(tomorrow - 90 * DAY), to: ymd(tomorrow) };
  }
}

/** The quota periods worth offering for a range: its last quarter, the one before, and its year. */
export function quotaPeriods(range: { from: string; to: string }): string[] {
  const last = new Date(Date.parse(range.to) - 1);
  const y = last.getUTCFullYear();
  const q = Math.floor(last.getUTCMonth() / 3) + 1;
  const previous = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  return [`${y}-Q${q}`, previous, String(y)];
}

/**
 * The window the forecast looks at: the period itself when it reaches past the as-of day (this
 * quarter, this year, a custom range ahead); otherwise the six calendar months from the as-of month.
 */
export function forecastRange(filters: Filters, now: number = Date.now()): { from: string; to: string } {
  const range = periodRange(filters, now);
  const day = filters.asOf ? Date.parse(filters.asOf) : now;
  if (Date.parse(range.to) > day + DAY) return range;
  const d = new Date(day);
  return {
    from: ymd(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
    to: ymd(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 6, 1)),
  };
}
