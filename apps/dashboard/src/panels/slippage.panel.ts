import { chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { dealTable } from '../deal-table.js';
import { ownerColumn, type Panel, windowParams } from '../panel.js';
import type { SlippageReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, moneyColumn, summaryOf, textColumn } from '../table.js';

export const slippagePanel: Panel<SlippageReport> = {
  id: 'slippage',
  title: 'Slippage',
  description:
    'Deal updates in the period: expected close dates pushed out or pulled in, amounts raised or cut, by the owner at the update; the deals pushed furthest.',
  report: 'slippage',
  scope: 'every',
  params: (ctx) => windowParams(ctx, 'every'),
  render: (body, report, ctx) => {
    body.append(
      summaryOf(report, [
        ['pushes', 'Close dates pushed', fmt.count],
        ['daysPushed', 'Days pushed', fmt.days],
        ['pullIns', 'Pulled in', fmt.count],
        ['increasedAmount', 'Amount added', fmt.money],
        ['decreasedAmount', 'Amount cut', fmt.money],
      ]),
    );
    const chart = chartIn(body);
    drawChart(
      chart,
      `Close dates pushed by owner: ${report.byOwner.map((o) => `${o.key} ${o.pushes}`).join(', ') || 'none'}`,
      {
        grid: { left: 50, right: 10, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: report.byOwner.map((o) => o.key) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: 'Pushed', type: 'bar', data: report.byOwner.map((o) => o.pushes) },
          { name: 'Pulled in', type: 'bar', data: report.byOwner.map((o) => o.pullIns) },
        ],
      },
    );
    body.append(
      dataTable(
        'Slippage by owner at the update',
        [
          ownerColumn(ctx),
          countColumn('pushes', 'Pushed'),
          daysColumn('daysPushed', 'Days pushed'),
          countColumn('pullIns', 'Pulled in'),
          countColumn('amountIncreases', 'Raised'),
          moneyColumn('increasedAmount', 'Added'),
          countColumn('amountDecreases', 'Cut'),
          moneyColumn('decreasedAmount', 'Cut by'),
        ],
        report.byOwner,
        { name: 'byOwner', sortable: true },
      ),
      dealTable(
        ctx,
        'Deals pushed furthest',
        [
          countColumn('pushes', 'Pushes'),
          daysColumn('daysPushed', 'Days pushed'),
          textColumn('firstExpectedCloseDate', 'Expected before'),
          textColumn('lastExpectedCloseDate', 'Expected now'),
        ],
        report.deals,
        { name: 'deals' },
      ),
    );
  },
};
