import { chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { ownerColumn, ownerLink, type Panel, viewLink, windowParams } from '../panel.js';
import type { SlippageReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, moneyColumn, summaryOf } from '../table.js';

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
      dataTable(
        'Deals pushed furthest',
        [
          {
            field: 'dealId',
            label: 'Deal',
            value: (d) => d.dealId,
            show: (d) => viewLink(ctx, { name: 'deal', dealId: d.dealId }, d.dealId, `Deal ${d.dealId}`),
          },
          {
            field: 'ownerId',
            label: 'Owner',
            value: (d) => d.ownerId,
            show: (d) => ownerLink(ctx, d.ownerId),
          },
          countColumn('pushes', 'Pushes'),
          daysColumn('daysPushed', 'Days pushed'),
          {
            field: 'firstExpectedCloseDate',
            label: 'Expected before',
            value: (d) => d.firstExpectedCloseDate,
            show: (d) => fmt.text(d.firstExpectedCloseDate),
          },
          {
            field: 'lastExpectedCloseDate',
            label: 'Expected now',
            value: (d) => d.lastExpectedCloseDate,
            show: (d) => fmt.text(d.lastExpectedCloseDate),
          },
        ],
        report.deals,
        { name: 'deals' },
      ),
    );
  },
};
