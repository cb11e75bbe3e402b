import { chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { ownerColumn, type Panel, windowParams } from '../panel.js';
import type { CustomerValueReport } from '../reports.js';
import {
  type Column,
  countColumn,
  dataTable,
  moneyColumn,
  rateColumn,
  summaryOf,
  timeColumn,
} from '../table.js';

type Group = CustomerValueReport['bySource'][number];
const groupColumns = (first: Column<Group>): Column<Group>[] => [
  first,
  countColumn('accounts', 'Accounts'),
  moneyColumn('lifetimeValue', 'Lifetime value'),
  moneyColumn('avgLifetimeValue', 'Average'),
  rateColumn('repeatRate', 'Won again'),
];

export const customerValuePanel: Panel<CustomerValueReport> = {
  id: 'customer-value',
  title: 'Customer value',
  description:
    'The accounts won for the first time in the period, and everything they have bought since, by the source and owner of that first win.',
  report: 'customer-value',
  scope: 'none',
  unscoped: 'Every pipeline: an account is a customer whatever the pipeline',
  params: (ctx) => windowParams(ctx, 'none'),
  render: (body, report, ctx) => {
    body.append(
      summaryOf(report, [
        ['accounts', 'New accounts', fmt.count],
        ['lifetimeValue', 'Lifetime value', fmt.money],
        ['avgLifetimeValue', 'Average per account', fmt.money],
        ['repeatRate', 'Won again', fmt.rate],
      ]),
    );
    const chart = chartIn(body);
    drawChart(
      chart,
      `Lifetime value by source: ${report.bySource.map((s) => `${s.key} ${fmt.money(s.lifetimeValue)}`).join(', ') || 'none'}`,
      {
        grid: { left: 70, right: 10, top: 30, bottom: 30 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: report.bySource.map((s) => s.key) },
        yAxis: { type: 'value' },
        series: [{ name: 'Lifetime value', type: 'bar', data: report.bySource.map((s) => s.lifetimeValue) }],
      },
    );
    body.append(
      dataTable(
        'By source of the first win',
        groupColumns({ field: 'key', label: 'Source', value: (row) => row.key }),
        report.bySource,
        { name: 'bySource' },
      ),
      dataTable(
        'By owner at the first win',
        groupColumns(ownerColumn(ctx, 'Owner at first win')),
        report.byOwner,
        {
          name: 'byOwner',
        },
      ),
      dataTable(
        'Most valuable accounts',
        [
          { field: 'accountId', label: 'Account', value: (a) => a.accountId },
          countColumn('wins', 'Deals won'),
          moneyColumn('lifetimeValue', 'Lifetime value'),
          timeColumn('firstWonAt', 'First won'),
          timeColumn('lastWonAt', 'Last won'),
        ],
        report.top,
        { name: 'top' },
      ),
    );
  },
};
