import { chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { ownerLink, type Panel, windowParams } from '../panel.js';
import type { NewCustomersReport } from '../reports.js';
import { type Column, countColumn, dataTable, moneyColumn, summaryOf } from '../table.js';

export const newCustomersPanel: Panel<NewCustomersReport> = {
  id: 'new-customers',
  title: 'New customers',
  description: 'Accounts whose first won deal closed in the period, by source and by the owner at the close.',
  report: 'new-customers',
  scope: 'every',
  params: (ctx) => windowParams(ctx, 'every'),
  render: (body, report, ctx) => {
    body.append(
      summaryOf(report, [
        ['count', 'New customers', fmt.count],
        ['amount', 'First-deal amount', fmt.money],
      ]),
    );
    const chart = chartIn(body);
    drawChart(
      chart,
      `New customers by source: ${report.bySource.map((s) => `${s.key} ${s.count}`).join(', ') || 'none'}`,
      {
        grid: { left: 50, right: 60, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: report.bySource.map((s) => s.key) },
        yAxis: [
          { type: 'value', name: 'customers', minInterval: 1 },
          { type: 'value', name: 'amount', splitLine: { show: false } },
        ],
        series: [
          { name: 'Customers', type: 'bar', data: report.bySource.map((s) => s.count) },
          { name: 'Amount', type: 'bar', yAxisIndex: 1, data: report.bySource.map((s) => s.amount) },
        ],
      },
    );
    type Row = NewCustomersReport['bySource'][number];
    const columns = (label: string, show: (row: Row) => string | Node = (row) => row.key): Column<Row>[] => [
      { field: 'key', label, value: (row) => row.key, show },
      countColumn('count', 'Customers'),
      moneyColumn('amount', 'Amount'),
    ];
    body.append(
      dataTable('New customers by source', columns('Source'), report.bySource, { name: 'bySource' }),
    );
    const byOwner = columns('Owner at close', (row) => ownerLink(ctx, row.key));
    body.append(dataTable('New customers by owner', byOwner, report.byOwner, { name: 'byOwner' }));
  },
};
