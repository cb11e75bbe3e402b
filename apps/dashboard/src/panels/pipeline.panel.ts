import { chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { dealTable } from '../deal-table.js';
import { openStageOnClick, type Panel, momentParams, stageColumn, stageName } from '../panel.js';
import type { PipelineReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, moneyColumn, rateColumn, summaryOf } from '../table.js';

export const pipelinePanel: Panel<PipelineReport> = {
  id: 'pipeline',
  title: 'Open pipeline',
  description:
    'Deals open now (or at the as-of date), by stage, weighted as in the forecast, and the oldest deals of each stage.',
  report: 'pipeline',
  scope: 'stages',
  params: (ctx) => momentParams(ctx, 'stages'),
  render: (body, report, ctx) => {
    body.append(
      summaryOf(report, [
        ['deals', 'Open deals', fmt.count],
        ['amount', 'Amount', fmt.money],
        ['weightedAmount', 'Weighted', fmt.money],
        ['meanAgeDays', 'Mean age in stage', fmt.days],
      ]),
    );
    const names = report.stages.map((s) => stageName(ctx, s.stageId));
    const chart = chartIn(body);
    drawChart(
      chart,
      `Open pipeline: ${report.stages.map((s, i) => `${names[i]} ${s.deals} deals, ${fmt.money(s.amount)}`).join('; ')}`,
      {
        grid: { left: 70, right: 10, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value' },
        series: [
          { name: 'Amount', type: 'bar', data: report.stages.map((s) => s.amount) },
          { name: 'Weighted', type: 'bar', data: report.stages.map((s) => s.weightedAmount) },
        ],
      },
      openStageOnClick(
        ctx,
        report.stages.map((s) => s.stageId),
      ),
    );
    body.append(
      dataTable(
        'Open pipeline by stage',
        [
          stageColumn(ctx),
          countColumn('deals', 'Deals'),
          moneyColumn('amount', 'Amount'),
          rateColumn('probability', 'Probability'),
          moneyColumn('weightedAmount', 'Weighted'),
          daysColumn('meanAgeDays', 'Mean age'),
        ],
        report.stages,
        { name: 'stages' },
      ),
      dealTable(
        ctx,
        'Oldest open deals per stage (longest in their current stage)',
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (d) => d.stageId,
            show: (d) => stageName(ctx, d.stageId),
          },
          moneyColumn('amount', 'Amount'),
          daysColumn('ageDays', 'Days in stage'),
        ],
        report.oldest,
        { name: 'oldest' },
      ),
    );
  },
};
