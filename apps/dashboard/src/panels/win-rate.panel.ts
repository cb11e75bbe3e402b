import { drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { type Panel, windowParams } from '../panel.js';
import type { WinRateReport } from '../reports.js';
import { dataTable, summary } from '../table.js';

export const winRatePanel: Panel<WinRateReport> = {
  id: 'win-rate',
  title: 'Win rate and loss reasons',
  description:
    'Deals closed in the period: won against lost, by count and by amount, and why deals were lost.',
  report: 'win-rate',
  params: (ctx) => windowParams(ctx),
  render: (body, report) => {
    body.append(
      summary([
        { field: 'won', label: 'Won', value: report.won, show: fmt.count(report.won) },
        { field: 'lost', label: 'Lost', value: report.lost, show: fmt.count(report.lost) },
        { field: 'winRate', label: 'Win rate', value: report.winRate, show: fmt.rate(report.winRate) },
        {
          field: 'wonAmount',
          label: 'Won amount',
          value: report.wonAmount,
          show: fmt.money(report.wonAmount),
        },
        {
          field: 'lostAmount',
          label: 'Lost amount',
          value: report.lostAmount,
          show: fmt.money(report.lostAmount),
        },
        {
          field: 'amountWinRate',
          label: 'Win rate by amount',
          value: report.amountWinRate,
          show: fmt.rate(report.amountWinRate),
        },
      ]),
    );
    const chart = h('div', { class: 'chart' });
    body.append(chart);
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
          itemStyle: { color: '#c0504d' },
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
          { field: 'count', label: 'Deals', value: (r) => r.count, numeric: true },
          {
            field: 'amount',
            label: 'Amount',
            value: (r) => r.amount,
            show: (r) => fmt.money(r.amount),
            numeric: true,
          },
        ],
        reasons,
        { name: 'lossReasons' },
      ),
    );
  },
};
