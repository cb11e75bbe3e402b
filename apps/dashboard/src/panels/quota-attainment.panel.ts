import { COLORS, chartIn, drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { momentParams, ownerColumn, ownerDeals, type Panel } from '../panel.js';
import type { QuotaAttainmentReport } from '../reports.js';
import { dataTable, moneyColumn, rateColumn } from '../table.js';

export const quotaAttainmentPanel: Panel<QuotaAttainmentReport> = {
  id: 'quota-attainment',
  title: 'Quota attainment',
  description:
    'Owners with a quota for the quota period: won amount against quota, and open pipeline against what is left.',
  report: 'quota-attainment',
  scope: 'every',
  params: (ctx) => ({ period: ctx.quotaPeriod, ...momentParams(ctx, 'every') }),
  render: (body, report, ctx) => {
    body.append(h('p', { class: 'panel-note' }, `Quota period ${ctx.quotaPeriod}`));
    const owners = report.owners;
    const chart = chartIn(body);
    drawChart(
      chart,
      `Quota attainment ${ctx.quotaPeriod}: ${owners.map((o) => `${o.key} ${fmt.rate(o.attainment)}`).join(', ') || 'no quotas'}`,
      {
        grid: { left: 90, right: 50, top: 28, bottom: 30 },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: number) => fmt.rate(v),
        },
        xAxis: {
          type: 'value',
          // Always reaching past 100%, so that the quota line shows when nobody is near it.
          max: (extent: { max: number }) => Math.ceil(Math.max(1.1, extent.max * 1.05) * 10) / 10,
          axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
        },
        yAxis: { type: 'category', data: owners.map((o) => o.key), inverse: true },
        series: [
          {
            name: 'Attainment',
            type: 'bar',
            data: owners.map((o) => ({
              value: o.attainment,
              itemStyle: { color: (o.attainment ?? 0) >= 1 ? COLORS.good : COLORS.primary },
            })),
            label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt.rate(p.value) },
            markLine: {
              symbol: 'none',
              silent: true,
              data: [{ xAxis: 1 }],
              lineStyle: { color: '#333', type: 'dashed' },
              // Above the plot (the owner axis is inverted, so the line starts at the top): clear of the 100% tick.
              label: { formatter: 'quota 100%', position: 'start' },
            },
          },
        ],
      },
      (event) => event.name && ctx.go(ownerDeals(event.name)),
    );
    body.append(
      dataTable(
        `Quota attainment, ${ctx.quotaPeriod}`,
        [
          ownerColumn(ctx),
          moneyColumn('quota', 'Quota'),
          moneyColumn('wonAmount', 'Won'),
          rateColumn('attainment', 'Attainment'),
          moneyColumn('openPipeline', 'Open pipeline'),
          {
            field: 'coverage',
            label: 'Coverage',
            value: (o) => o.coverage,
            show: (o) => (o.coverage === null ? '—' : `${o.coverage.toFixed(2)}×`),
            numeric: true,
          },
        ],
        owners,
        { name: 'owners', sortable: true },
      ),
    );
  },
};
