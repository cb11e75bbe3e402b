import { chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { dealTable } from '../deal-table.js';
import { ownerLink, type Panel, momentParams, stageColumn, stageName } from '../panel.js';
import type { StuckDealsReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, summaryOf } from '../table.js';

export const stuckDealsPanel: Panel<StuckDealsReport> = {
  id: 'stuck-deals',
  title: 'Stuck deals',
  description:
    "Deals open now (or at the as-of date) longer in their stage than 80% of that stage's visits completed in the last year: the owner's own, when there are ten, else everyone's.",
  report: 'stuck-deals',
  scope: 'stages',
  params: (ctx) => momentParams(ctx, 'stages'),
  render: (body, report, ctx) => {
    body.append(
      summaryOf(report, [
        ['judged', 'Open deals judged', fmt.count],
        ['notJudged', 'Too little history to judge', fmt.count],
      ]),
    );
    const byStage = new Map<string, number>();
    for (const deal of report.deals) byStage.set(deal.stageId, (byStage.get(deal.stageId) ?? 0) + 1);
    const stages = [...new Set(report.thresholds.map((t) => t.stageId))];
    const names = stages.map((id) => stageName(ctx, id));
    const chart = chartIn(body);
    drawChart(
      chart,
      `Stuck deals by stage: ${stages.map((id, i) => `${names[i]} ${byStage.get(id) ?? 0}`).join(', ') || 'none'}`,
      {
        grid: { left: 50, right: 10, top: 30, bottom: 30 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: 'Stuck', type: 'bar', data: stages.map((id) => byStage.get(id) ?? 0) }],
      },
    );
    body.append(
      dealTable(
        ctx,
        'Stuck deals, most overdue first',
        [
          stageColumn(ctx),
          daysColumn('ageDays', 'Days in stage'),
          daysColumn('thresholdDays', 'Threshold'),
          { field: 'basis', label: 'Threshold of', value: (d) => d.basis, show: (d) => d.basis },
          {
            field: 'ratio',
            label: 'Age / threshold',
            value: (d) => d.ratio,
            show: (d) => (d.ratio === null ? '∞' : `${d.ratio.toFixed(2)}×`),
            numeric: true,
          },
        ],
        report.deals,
        { name: 'deals' },
      ),
      dataTable(
        'Thresholds: p80 of completed visits',
        [
          stageColumn(ctx),
          {
            field: 'ownerId',
            label: 'Owner',
            value: (t) => t.ownerId,
            show: (t) => (t.ownerId === null ? 'everyone' : ownerLink(ctx, t.ownerId)),
          },
          countColumn('sample', 'Visits'),
          daysColumn('p80Days', 'p80'),
        ],
        report.thresholds,
        { name: 'thresholds' },
      ),
    );
  },
};
