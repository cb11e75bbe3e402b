import { fmt, h, moneyLabel } from './dom.js';

export type Column<Row> = {
  /** the report's field this column shows (dotted for nested figures) */
  field: string;
  label: string;
  value: (row: Row) => unknown;
  /** what a reader sees; defaults to the value as text */
  show?: (row: Row) => string | Node;
  numeric?: boolean;
};

type Sort = { column: number; descending: boolean };

export type TableOptions = { name?: string; sortable?: boolean; initialSort?: Sort };

/**
 * A table of figures: every cell keeps the API's exact value in data-value and every column names
 * its field in data-field. Sortable tables sort by a header button (keyboard and screen readers
 * get aria-sort).
 */
export function dataTable<Row>(
  caption: string,
  columns: Column<Row>[],
  rows: Row[],
  options: TableOptions = {},
): HTMLElement {
  const table = h('table', { 'data-table': options.name ?? 'main' });
  const body = h('tbody');
  let sort: Sort | null = options.initialSort ?? null;
  const headers = columns.map((column, i) => {
    const th = h('th', { scope: 'col', 'data-field': column.field, class: column.numeric ? 'num' : null });
    if (options.sortable)
      th.append(
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              sort = { column: i, descending: sort?.column === i ? !sort.descending : !!column.numeric };
              draw();
            },
          },
          column.label,
        ),
      );
    else th.append(column.label);
    return th;
  });
  const draw = () => {
    const ordered = [...rows];
    if (sort) {
      const { column, descending } = sort;
      const value = columns[column].value;
      ordered.sort((a, b) => compare(value(a), value(b), descending));
      headers.forEach((th, i) =>
        th.setAttribute('aria-sort', i === column ? (descending ? 'descending' : 'ascending') : 'none'),
      );
    }
    body.replaceChildren(
      ...ordered.map((row) =>
        h(
          'tr',
          {},
          columns.map((column, i) => {
            const value = column.value(row);
            const shown = column.show
              ? column.show(row)
              : value === null || value === undefined
                ? '—'
                : String(value);
            const attrs = {
              'data-value': JSON.stringify(value ?? null),
              class: column.numeric ? 'num' : null,
            };
            return i === 0 ? h('th', { scope: 'row', ...attrs }, shown) : h('td', attrs, shown);
          }),
        ),
      ),
    );
  };
  draw();
  table.append(h('caption', {}, caption), h('thead', {}, h('tr', {}, headers)), body);
  const wrap = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, table);
  return withScrollHint(wrap);
}

// Missing figures sort last either way.
function compare(a: unknown, b: unknown, descending: boolean): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

/** A row of headline figures (label, value), each value kept exactly in data-value. */
function summary(items: { field: string; label: string; value: unknown; show: string }[]): HTMLElement {
  return h(
    'dl',
    { class: 'summary' },
    items.map((item) =>
      h(
        'div',
        { 'data-field': item.field },
        h('dt', {}, item.label),
        h('dd', { 'data-value': JSON.stringify(item.value ?? null) }, item.show),
      ),
    ),
  );
}

const at = (row: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], row);

// A column of one field of the row, by its (dotted) name, shown as `format` has it.
const fieldColumn =
  (format: (value: never) => string, numeric: boolean) =>
  <Row>(field: string, label: string): Column<Row> => ({
    field,
    label,
    value: (row) => at(row, field),
    show: (row) => format(at(row, field) as never),
    numeric,
  });

/** Columns of one figure of the row, by its (dotted) field, formatted for reading. */
export const countColumn = fieldColumn(fmt.count, true);
export const moneyColumn = <Row>(field: string, label: string): Column<Row> =>
  fieldColumn(fmt.money, true)<Row>(field, moneyLabel(label));
export const rateColumn = fieldColumn(fmt.rate, true);
export const daysColumn = fieldColumn(fmt.days, true);
export const hoursColumn = fieldColumn(fmt.hours, true);

/** Columns of an instant (shown to the minute, in UTC) or of a text that may be missing (—). */
export const timeColumn = fieldColumn(fmt.time, false);
export const textColumn = fieldColumn(fmt.text, false);

/** Headline figures of a report, by (dotted) field: [field, label, how to show it]. */
export function summaryOf(
  report: unknown,
  items: [field: string, label: string, show: (value: never) => string][],
) {
  return summary(
    items.map(([field, label, show]) => {
      const value = at(report, field);
      const shownLabel = (show as unknown) === fmt.money ? moneyLabel(label) : label;
      return { field, label: shownLabel, value, show: show(value as never) };
    }),
  );
}

/**
 * A table wider than its box says so in words above it (scrollbars are hidden on many systems
 * until one scrolls), and the hint goes when the table fits.
 */
function withScrollHint(wrap: HTMLElement): HTMLElement {
  const hint = h(
    'p',
    { class: 'scroll-hint', hidden: true },
    'Wider than the panel: scroll sideways for more columns →',
  );
  const check = () => {
    const wider = wrap.scrollWidth > wrap.clientWidth + 1;
    hint.hidden = !wider;
    wrap.classList.toggle('overflowing', wider);
  };
  new ResizeObserver(check).observe(wrap);
  return h('div', { class: 'table-box' }, hint, wrap);
}
