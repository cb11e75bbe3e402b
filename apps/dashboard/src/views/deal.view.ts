import { getJson } from '../api.js';
import { COLORS, drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { asOfInstant, type Filters, toSearch, type View } from '../filters.js';
import type { DealView, HistoryEntry, StageVisit as Visit } from '../reports.js';
import { countColumn, dataTable, summaryOf } from '../table.js';

const EXIT_COLORS: Record<string, string> = {
  forward: COLORS.primary,
  backward: COLORS.secondary,
  won: COLORS.good,
  lost: COLORS.bad,
  open: COLORS.neutral,
};

/** A deal: its figures, its stage timeline, and for auditors and admins every event behind it. */
export async function dealView(
  main: HTMLElement,
  filters: Filters,
  dealId: string,
  role: string,
  pipelineStages: (pipelineId: string) => Promise<Map<string, string>>,
  navigate: (filters: Filters, view: View) => void,
): Promise<void> {
  const asOf = asOfInstant(filters);
  const deal = await getJson<DealView>(`deals/${encodeURIComponent(dealId)}`, { asOf });
  const stageNames = await pipelineStages(deal.pipelineId);
  const name = (stageId: string) => stageNames.get(stageId) ?? stageId;
  const back = h('a', { href: toSearch(filters, { name: 'overview' }) }, '← Back to the dashboard');
  back.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(filters, { name: 'overview' });
  });
  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, back),
    h('h2', { id: 'view-title' }, `${deal.title} `, h('span', { class: 'muted' }, `(${deal.dealId})`)),
    h('p', { class: 'panel-note' }, asOf ? `As of the end of ${filters.asOf}.` : 'As it is now.'),
    summaryOf(deal, [
      ['status', 'Status', fmt.text],
      ['stageId', 'Stage', name],
      ['amount', 'Amount', fmt.money],
      ['ownerId', 'Owner', fmt.text],
      ['accountId', 'Account', fmt.text],
      ['source', 'Source', fmt.text],
      ['openedAt', 'Opened', fmt.time],
      ['closedAt', 'Closed', fmt.time],
      ['expectedCloseDate', 'Expected close', fmt.text],
      ['lossReason', 'Loss reason', fmt.text],
      ['activityCount', 'Activities', fmt.count],
    ]),
  );

  // Stage timeline: one bar per visit on a time axis, one row per stage of the pipeline.
  const rows = [...new Set([...stageNames.keys(), ...deal.stageHistory.map((v) => v.stageId)])];
  const end = asOf ? Date.parse(asOf) : Date.now();
  const bars = deal.stageHistory.map((visit) => ({
    value: [
      rows.indexOf(visit.stageId),
      Date.parse(visit.enteredAt),
      visit.exitedAt ? Date.parse(visit.exitedAt) : end,
    ],
    itemStyle: { color: EXIT_COLORS[visit.exit ?? 'open'] },
    visit,
  }));
  const chart = h('div', { class: 'chart timeline' });
  main.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'timeline-title' },
      h('h3', { id: 'timeline-title' }, 'Stage timeline'),
      chart,
    ),
  );
  drawChart(
    chart,
    `Stage timeline: ${deal.stageHistory.map((v) => `${name(v.stageId)} from ${fmt.time(v.enteredAt)} to ${v.exitedAt ? fmt.time(v.exitedAt) : 'now'}${v.exit ? `, ${v.exit}` : ''}`).join('; ')}`,
    {
      grid: { left: 110, right: 20, top: 10, bottom: 40 },
      tooltip: {
        formatter: (p: { data: { visit: Visit } }) =>
          `${name(p.data.visit.stageId)}: ${fmt.time(p.data.visit.enteredAt)} → ${p.data.visit.exitedAt ? fmt.time(p.data.visit.exitedAt) : 'open'} (${p.data.visit.exit ?? 'open'})`,
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: rows.map(name), inverse: true },
      series: [
        {
          name: 'Visits',
          type: 'custom',
          encode: { x: [1, 2], y: 0 },
          data: bars,
          renderItem: (
            _params: unknown,
            api: {
              value: (i: number) => number;
              coord: (v: number[]) => number[];
              size: (v: number[]) => number[];
              style: () => Record<string, unknown>;
            },
          ) => {
            const start = api.coord([api.value(1), api.value(0)]);
            const stop = api.coord([api.value(2), api.value(0)]);
            const height = api.size([0, 1])[1] * 0.6;
            return {
              type: 'rect',
              shape: {
                x: start[0],
                y: start[1] - height / 2,
                width: Math.max(2, stop[0] - start[0]),
                height,
              },
              style: api.style(),
            };
          },
        },
      ],
    },
  );
  main.append(
    dataTable(
      'Stage visits',
      [
        { field: 'stageId', label: 'Stage', value: (v) => v.stageId, show: (v) => name(v.stageId) },
        {
          field: 'enteredAt',
          label: 'Entered',
          value: (v) => v.enteredAt,
          show: (v) => fmt.time(v.enteredAt),
        },
        { field: 'exitedAt', label: 'Left', value: (v) => v.exitedAt, show: (v) => fmt.time(v.exitedAt) },
        { field: 'exit', label: 'Exit', value: (v) => v.exit, show: (v) => v.exit ?? 'still here' },
      ],
      deal.stageHistory,
      { name: 'visits' },
    ),
  );

  if (role !== 'auditor' && role !== 'admin') return;
  const history = await getJson<HistoryEntry[]>(`deals/${encodeURIComponent(dealId)}/history`, {});
  main.append(
    h('h3', {}, 'History'),
    dataTable(
      'Every event of the deal, with who recorded it and its hash',
      [
        countColumn('revision', '#'),
        { field: 'type', label: 'Event', value: (e) => e.type },
        {
          field: 'occurredAt',
          label: 'Occurred',
          value: (e) => e.occurredAt,
          show: (e) => fmt.time(e.occurredAt),
        },
        {
          field: 'recordedAt',
          label: 'Recorded',
          value: (e) => e.recordedAt,
          show: (e) => fmt.time(e.recordedAt),
        },
        { field: 'principal', label: 'Key', value: (e) => e.principal },
        { field: 'actorId', label: 'On behalf of', value: (e) => e.actorId },
        {
          field: 'data',
          label: 'Data',
          value: (e) => e.data,
          show: (e) => h('code', {}, JSON.stringify(e.data)),
        },
        {
          field: 'hash',
          label: 'Hash',
          value: (e) => e.hash,
          show: (e) => (e.hash ? h('code', { title: e.hash }, e.hash.slice(0, 12) + '…') : '—'),
        },
      ],
      history,
      { name: 'history' },
    ),
  );
}
