// Any report as one flat table (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break, quotes doubled). Leading columns: the echoed parameters and position;
// `group` when grouped (empty for the overall figures); `section`: `summary` for the report's
// single figures, else the name of the list the row comes from. Nested figures become dotted
// columns (daysInStage.median); null is an empty field.

type Row = Map<string, unknown>;
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flatten(value: Json, prefix: string, into: Row): Row {
  for (const [key, inner] of Object.entries(value)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (isObject(inner)) flatten(inner, column, into);
    else into.set(column, inner);
  }
  return into;
}

function sections(figures: Json): [string, Json][] {
  const summary: Json = {};
  const lists: [string, Json][] = [];
  for (const [key, value] of Object.entries(figures)) {
    if (key === 'groups') continue;
    if (Array.isArray(value)) for (const item of value) lists.push([key, item as Json]);
    else summary[key] = value;
  }
  return Object.keys(summary).length > 0 ? [['summary', summary], ...lists] : lists;
}

// OWASP CSV injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
// one) as a formula. Text from clients (loss reasons, ids, sources) starting so is prefixed with a
// quote, which the spreadsheet shows as text; numbers are ours and stay numbers (-3 is not a formula).
const FORMULA_START = /^[=+\-@\t\r]/;

export function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const raw =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const text = typeof value !== 'number' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(report: Json, parameterKeys: string[]): string {
  const params = new Map(parameterKeys.map((key) => [key, report[key]]));
  const figures: Json = Object.fromEntries(Object.entries(report).filter(([key]) => !params.has(key)));
  const grouped = Array.isArray(report.groups);
  const scopes: [string, Json][] = [['', figures]];
  if (grouped) for (const group of report.groups as Json[]) scopes.push([String(group.key), group]);
  const rows: Row[] = [];
  for (const [group, scope] of scopes) {
    const { key: _key, ...own } = scope;
    for (const [section, item] of sections(own)) {
      const row: Row = new Map(params);
      if (grouped) row.set('group', group);
      row.set('section', section);
      rows.push(flatten(item, '', row));
    }
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows)
    for (const column of row.keys())
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((column) => field(row.get(column))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
