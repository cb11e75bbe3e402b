import { COLORS, chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { type Panel, windowParams } from '../panel.js';
import type { WinRateReport } from '../reports.js';
import { countColumn, dataTable, moneyColumn, summaryOf } from '../table.js';

export const winRatePanel: Panel<WinRateReport> = {
  id: 'win-rate',
  title: 'Win rate and loss reasons',
  description:
    'Deals closed in the period: won against lost, by count and by amount, and why deals were lost.',
  report: 'win-rate',
  scope: 'every',
  params: (ctx) => windowParams(ctx, 'every'),
  render: (body, report) => {
    body.append(
      summaryOf(report, [
        ['won', 'Won', fmt.count],
        ['lost', 'Lost', fmt.count],
        ['winRate', 'Win rate', fmt.rate],
        ['wonAmount', 'Won amount', fmt.money],
        ['lostAmount', 'Lost amount', fmt.money],
        ['amountWinRate', 'Win rate by amount', fmt.rate],
      ]),
    );
    const chart = chartIn(body);
    const reasons = report.lossReasons;
    drawChart(chart, `Loss reasons: ${reasons.map((r) => `${r.reason} ${r.count}`).join(', ') || 'none'}`, {
      grid: { left: 130, right: 40, top: 10, bottom: 20 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: reasons.map((r) => r.reason), inverse: true },
      series: [
        {
          name: 'Lost deals',
          type: 'bar',
          itemStyle: { color: COLORS.bad },
          data: reasons.map((r) => r.count),
          label: { show: true, position: 'right' },
        },
      ],
    });
    body.append(
      dataTable(
        'Loss reasons',
        [
          { field: 'reason', label: 'Reason', value: (r) => r.reason },
          countColumn('count', 'Deals'),
          moneyColumn('amount', 'Amount'),
        ],
        reasons,
        { name: 'lossReasons' },
      ),
    );
  },
};
