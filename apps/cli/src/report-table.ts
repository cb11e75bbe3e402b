import type { ReportResponse } from '@sales/query';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function flat(value: Json, prefix = '', into: Json = {}): Json {
  for (const [key, inner] of Object.entries(value)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (isObject(inner)) flat(inner, column, into);
    else
      into[column] = typeof inner === 'number' && !Number.isInteger(inner) ? Number(inner.toFixed(4)) : inner;
  }
  return into;
}

function printFigures(figures: Json): void {
  const single = Object.entries(figures).filter(([key, value]) => key !== 'groups' && !Array.isArray(value));
  if (single.length > 0) console.table([flat(Object.fromEntries(single))]);
  for (const [key, value] of Object.entries(figures)) {
    if (key === 'groups' || !Array.isArray(value)) continue;
    console.log(`${key}:`);
    if (value.length === 0) console.log('  (none)');
    else console.table((value as Json[]).map((item) => flat(item)));
  }
}

// The parameters on one line, then the single figures, then every list as a table (rates and
// durations shown to 4 decimals here; json and csv give them unrounded).
export function printReport(report: ReportResponse): void {
  const { report: name, position, groups, currency, ...rest } = report;
  const params = Object.entries(rest).filter(([key]) =>
    [
      'from',
      'to',
      'period',
      'at',
      'asOf',
      'knownAt',
      'ownerId',
      'source',
      'pipelineId',
      'groupBy',
      'lookbackDays',
      'minPosition',
    ].includes(key),
  );
  console.log(
    `${name} — ${params
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )} — read models at position ${position}${currency ? ` — amounts in ${String(currency)}` : ''}`,
  );
  printFigures(Object.fromEntries(Object.entries(rest).filter(([key]) => !params.some(([p]) => p === key))));
  for (const group of (groups as Json[] | undefined) ?? []) {
    const { key, ...figures } = group;
    console.log(`\n== ${String(key)}`);
    printFigures(figures);
  }
}
