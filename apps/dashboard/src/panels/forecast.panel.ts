import { chartIn, drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { type Panel, stageName, windowParams } from '../panel.js';
import type { ForecastReport } from '../reports.js';
import { countColumn, dataTable, moneyColumn, rateColumn, summaryOf } from '../table.js';

export const forecastPanel: Panel<ForecastReport> = {
  id: 'forecast',
  title: 'Forecast',
  description:
    'Open deals by expected close month: amount, and amount weighted by the chance of their stage. A period in the past looks at the six months ahead instead.',
  report: 'forecast',
  scope: 'stages',
  params: (ctx) => ({ ...windowParams(ctx, 'stages'), ...ctx.forecastRange }),
  render: (body, report, ctx) => {
    body.append(
      h(
        'p',
        { class: 'panel-note' },
        `Expected to close from ${ctx.forecastRange.from} to ${ctx.forecastRange.to} (exclusive)`,
      ),
    );
    body.append(
      summaryOf(report, [
        ['deals', 'Open deals', fmt.count],
        ['amount', 'Amount', fmt.money],
        ['weightedAmount', 'Weighted', fmt.money],
      ]),
    );
    const chart = chartIn(body);
    drawChart(
      chart,
      `Forecast by month: ${report.months.map((m) => `${m.key} ${fmt.money(m.amount)}, weighted ${fmt.money(m.weightedAmount)}`).join('; ') || 'nothing expected'}`,
      {
        grid: { left: 70, right: 10, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
        xAxis: { type: 'category', data: report.months.map((m) => m.key) },
        yAxis: { type: 'value' },
        series: [
          { name: 'Amount', type: 'bar', data: report.months.map((m) => m.amount) },
          { name: 'Weighted', type: 'bar', data: report.months.map((m) => m.weightedAmount) },
        ],
      },
    );
    body.append(
      dataTable(
        'Forecast by month',
        [
          { field: 'key', label: 'Month', value: (m) => m.key },
          countColumn('deals', 'Deals'),
          moneyColumn('amount', 'Amount'),
          moneyColumn('weightedAmount', 'Weighted'),
        ],
        report.months,
        { name: 'months' },
      ),
      dataTable(
        'Stage probabilities (historical when at least 10 closed deals visited the stage, else configured)',
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (s) => s.stageId,
            show: (s) => stageName(ctx, s.stageId),
          },
          countColumn('sample', 'Closed deals'),
          rateColumn('historical', 'Historical'),
          rateColumn('used', 'Used'),
        ],
        report.stageProbabilities,
        { name: 'stageProbabilities' },
      ),
    );
  },
};
