import { getJson } from '../api.js';
import { h } from '../dom.js';
import { asOfInstant, type Filters, stagePipelineId, toSearch, type View } from '../filters.js';
import type { DealView } from '../reports.js';
import { dealTable } from '../deal-table.js';
import { moneyColumn, textColumn, timeColumn } from '../table.js';

// An item of GET /v1/deals: the deal as it is (or was, as of a date), without its visits.
type DealItem = Omit<DealView, 'stageHistory'>;

/** Drill-down: the deals of a stage or of a rep, as they are now or were as of, page by page. */
export async function dealsView(
  main: HTMLElement,
  filters: Filters,
  view: Extract<View, { name: 'deals' }>,
  stageNameOf: (pipelineId: string, stageId: string) => string,
  navigate: (filters: Filters, view: View) => void,
): Promise<void> {
  const asOf = asOfInstant(filters);
  const pipelineId = stagePipelineId(filters);
  const stage = view.stageId ? stageNameOf(pipelineId, view.stageId) : '';
  const title = [
    view.status ? `${view.status[0].toUpperCase()}${view.status.slice(1)} deals` : 'Deals',
    stage ? `in ${stage} (${pipelineId})` : '',
    view.ownerId ? `of ${view.ownerId}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const back = h('a', { href: toSearch(filters, { name: 'overview' }) }, '← Back to the dashboard');
  back.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(filters, { name: 'overview' });
  });
  const status = h(
    'select',
    { id: 'd-status' },
    ['', 'open', 'won', 'lost'].map((s) =>
      h('option', { value: s, selected: s === view.status }, s || 'any status'),
    ),
  );
  status.addEventListener('change', () => navigate(filters, { ...view, status: status.value }));
  const list = h('div', { class: 'deal-list' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More deals');
  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, back),
    h('h2', { id: 'view-title' }, title),
    h(
      'p',
      { class: 'panel-note' },
      asOf
        ? `Deals as they stood at the end of ${filters.asOf} (owner and stage then).`
        : 'Deals as they are now (current owner and stage).',
    ),
    h('div', { class: 'field inline' }, h('label', { for: 'd-status' }, 'Status'), status),
    list,
    more,
  );
  const links = { filters, go: (to: View) => navigate(filters, to) };
  const items: DealItem[] = [];
  const load = async (cursor: string | null) => {
    const page = await getJson<{ items: DealItem[]; nextCursor: string | null }>('deals', {
      pipelineId: view.stageId ? pipelineId : null,
      stageId: view.stageId,
      ownerId: view.ownerId,
      status: view.status,
      limit: 100,
      cursor,
      asOf,
    });
    items.push(...page.items);
    list.replaceChildren(
      dealTable(
        links,
        `${title}: ${items.length}${page.nextCursor ? '+' : ''}`,
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (d) => d.stageId,
            show: (d) => stageNameOf(d.pipelineId, d.stageId),
          },
          { field: 'status', label: 'Status', value: (d) => d.status },
          moneyColumn('amount', 'Amount'),
          timeColumn('openedAt', 'Opened'),
          textColumn('expectedCloseDate', 'Expected close'),
        ],
        items,
        // Newest first: what a manager looks at first in someone's deals.
        { name: 'deals', sortable: true, initialSort: { column: 5, descending: true } },
      ),
    );
    more.hidden = !page.nextCursor;
    more.onclick = page.nextCursor ? () => void load(page.nextCursor) : null;
  };
  await load(null);
}
