import { drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { type Panel, stageDeals, stageName, viewLink } from '../panel.js';
import type { PipelineReport } from '../reports.js';
import { dataTable, summary } from '../table.js';

export const pipelinePanel: Panel<PipelineReport> = {
  id: 'pipeline',
  title: 'Open pipeline',
  description:
    'Deals open now (or at the as-of date), by stage, weighted as in the forecast, and the oldest deals of each stage.',
  report: 'pipeline',
  params: (ctx) => ({
    pipelineId: ctx.filters.pipelineId,
    ownerId: ctx.filters.ownerId,
    source: ctx.filters.source,
    asOf: ctx.asOf,
  }),
  render: (body, report, ctx) => {
    body.append(
      summary([
        { field: 'deals', label: 'Open deals', value: report.deals, show: fmt.count(report.deals) },
        { field: 'amount', label: 'Amount', value: report.amount, show: fmt.money(report.amount) },
        {
          field: 'weightedAmount',
          label: 'Weighted',
          value: report.weightedAmount,
          show: fmt.money(report.weightedAmount),
        },
        {
          field: 'meanAgeDays',
          label: 'Mean age in stage',
          value: report.meanAgeDays,
          show: fmt.days(report.meanAgeDays),
        },
      ]),
    );
    const names = report.stages.map((s) => stageName(ctx, s.stageId));
    const chart = h('div', { class: 'chart' });
    body.append(chart);
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
      (event) => {
        const stage = report.stages[names.indexOf(event.name ?? '')];
        if (stage) ctx.go(stageDeals(ctx, stage.stageId));
      },
    );
    body.append(
      dataTable(
        'Open pipeline by stage',
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (s) => s.stageId,
            show: (s) =>
              viewLink(
                ctx,
                stageDeals(ctx, s.stageId),
                stageName(ctx, s.stageId),
                `Open deals in ${stageName(ctx, s.stageId)}`,
              ),
          },
          { field: 'deals', label: 'Deals', value: (s) => s.deals, numeric: true },
          {
            field: 'amount',
            label: 'Amount',
            value: (s) => s.amount,
            show: (s) => fmt.money(s.amount),
            numeric: true,
          },
          {
            field: 'probability',
            label: 'Probability',
            value: (s) => s.probability,
            show: (s) => fmt.rate(s.probability),
            numeric: true,
          },
          {
            field: 'weightedAmount',
            label: 'Weighted',
            value: (s) => s.weightedAmount,
            show: (s) => fmt.money(s.weightedAmount),
            numeric: true,
          },
          {
            field: 'meanAgeDays',
            label: 'Mean age',
            value: (s) => s.meanAgeDays,
            show: (s) => fmt.days(s.meanAgeDays),
            numeric: true,
          },
        ],
        report.stages,
        { name: 'stages' },
      ),
      dataTable(
        'Oldest open deals per stage (longest in their current stage)',
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (d) => d.stageId,
            show: (d) => stageName(ctx, d.stageId),
          },
          {
            field: 'dealId',
            label: 'Deal',
            value: (d) => d.dealId,
            show: (d) => viewLink(ctx, { name: 'deal', dealId: d.dealId }, d.title, `Deal ${d.title}`),
          },
          { field: 'ownerId', label: 'Owner', value: (d) => d.ownerId },
          {
            field: 'amount',
            label: 'Amount',
            value: (d) => d.amount,
            show: (d) => fmt.money(d.amount),
            numeric: true,
          },
          {
            field: 'ageDays',
            label: 'Days in stage',
            value: (d) => d.ageDays,
            show: (d) => fmt.days(d.ageDays),
            numeric: true,
          },
        ],
        report.oldest,
        { name: 'oldest' },
      ),
    );
  },
};
