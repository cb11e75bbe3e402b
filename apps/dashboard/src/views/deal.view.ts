import { getJson } from '../api.js';
import { COLORS, drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { asOfInstant, type Filters, toSearch, type View } from '../filters.js';
import type { DealView, HistoryEntry, StageVisit as Visit } from '../reports.js';
import { dataTable, summaryOf } from '../table.js';
import { auditHistory, type ChainReport } from './deal-history.js';

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

  const auditing = role === 'auditor' || role === 'admin';
  const history = auditing
    ? await getJson<HistoryEntry[]>(`deals/${encodeURIComponent(dealId)}/history`, {})
    : [];
  // Activities on the timeline, on the row of the stage the deal was in then (history: auditors).
  const activities = history
    .filter((e) => e.type === 'ActivityLogged' && (!asOf || e.occurredAt <= asOf))
    .map((e) => {
      const t = Date.parse(e.occurredAt);
      const visit =
        deal.stageHistory.find(
          (v) => Date.parse(v.enteredAt) <= t && (!v.exitedAt || t < Date.parse(v.exitedAt)),
        ) ?? deal.stageHistory[deal.stageHistory.length - 1];
      return { entry: e, visit, t };
    });

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
    `Stage timeline: ${deal.stageHistory.map((v) => `${name(v.stageId)} from ${fmt.time(v.enteredAt)} to ${v.exitedAt ? fmt.time(v.exitedAt) : 'now'}${v.exit ? `, ${v.exit}` : ''}`).join('; ')}` +
      (activities.length
        ? `. Activities: ${activities.map((a) => `${String(a.entry.data.type)} ${fmt.time(a.entry.occurredAt)}`).join('; ')}`
        : ''),
    {
      grid: { left: 110, right: 20, top: 10, bottom: activities.length ? 60 : 40 },
      legend: activities.length ? { bottom: 0, data: ['Activities'] } : undefined,
      tooltip: {
        formatter: (p: { data: { visit?: Visit; activity?: HistoryEntry } }) =>
          p.data.activity
            ? `${String(p.data.activity.data.type)} by ${String(p.data.activity.data.performedBy)}, ${fmt.time(p.data.activity.occurredAt)}`
            : `${name(p.data.visit!.stageId)}: ${fmt.time(p.data.visit!.enteredAt)} → ${p.data.visit!.exitedAt ? fmt.time(p.data.visit!.exitedAt) : 'open'} (${p.data.visit!.exit ?? 'open'})`,
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
        {
          name: 'Activities',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 12,
          z: 3,
          itemStyle: { color: '#1d2530' },
          data: activities.map((a) => ({
            value: [a.t, rows.indexOf(a.visit?.stageId ?? '')],
            activity: a.entry,
          })),
          encode: { x: 0, y: 1 },
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

  if (!auditing) return;
  const verification = await getJson<ChainReport>('audit/verify', { stream: `deal-${dealId}` });
  main.append(auditHistory(history, verification, name));
}
