import { COLORS, chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { type Panel, windowParams } from '../panel.js';
import type { CycleTimeReport } from '../reports.js';
import { countColumn, dataTable, daysColumn } from '../table.js';

export const cycleTimePanel: Panel<CycleTimeReport> = {
  id: 'cycle-time',
  title: 'Sales cycle',
  description:
    'Deals closed in the period: days from the start (lead captured, else deal opened) to the close.',
  report: 'cycle-time',
  scope: 'every',
  params: (ctx) => windowParams(ctx, 'every'),
  render: (body, report) => {
    const outcomes = [
      { outcome: 'won', ...report.won },
      { outcome: 'lost', ...report.lost },
    ];
    const chart = chartIn(body);
    drawChart(
      chart,
      `Cycle time: won ${report.won.count} deals, median ${fmt.days(report.won.days.median)}; lost ${report.lost.count}, median ${fmt.days(report.lost.days.median)}`,
      {
        grid: { left: 50, right: 10, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => fmt.days(v) },
        xAxis: { type: 'category', data: ['Mean', 'Median', 'p90'] },
        yAxis: { type: 'value', name: 'days' },
        series: outcomes.map((o) => ({
          name: o.outcome === 'won' ? 'Won' : 'Lost',
          type: 'bar',
          itemStyle: { color: o.outcome === 'won' ? COLORS.good : COLORS.bad },
          data: [o.days.mean, o.days.median, o.days.p90],
        })),
      },
    );
    body.append(
      dataTable(
        'Cycle time, won and lost',
        [
          { field: 'outcome', label: 'Outcome', value: (o) => o.outcome },
          countColumn('count', 'Deals'),
          daysColumn('days.mean', 'Mean'),
          daysColumn('days.median', 'Median'),
          daysColumn('days.p90', 'p90'),
        ],
        outcomes,
        { name: 'outcomes' },
      ),
    );
  },
};
