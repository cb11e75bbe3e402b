import { COLORS, chartIn, drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { openStageOnClick, type Panel, stageDeals, stageName, viewLink, windowParams } from '../panel.js';
import type { FunnelReport } from '../reports.js';
import { countColumn, dataTable, rateColumn, summaryOf } from '../table.js';

export const funnelPanel: Panel<FunnelReport> = {
  id: 'funnel',
  title: 'Funnel',
  description: 'Deals opened in the period: how many reached each stage, and the step conversion.',
  report: 'funnel',
  scope: 'stages',
  params: (ctx) => windowParams(ctx, 'stages'),
  render: (body, report, ctx) => {
    const names = report.stages.map((s) => stageName(ctx, s.stageId));
    body.append(
      summaryOf(report, [
        ['deals', 'Deals opened', fmt.count],
        ['won', 'Won', fmt.count],
        ['overallConversion', 'Overall conversion', fmt.rate],
        ['bottleneck', 'Bottleneck', (stageId: string | null) => (stageId ? stageName(ctx, stageId) : '—')],
      ]),
    );
    const chart = chartIn(body);
    drawChart(
      chart,
      `Funnel: ${report.stages.map((s, i) => `${names[i]} reached by ${s.reached}`).join(', ')}` +
        (report.bottleneck ? `; bottleneck ${stageName(ctx, report.bottleneck)}` : ''),
      {
        grid: { left: 110, right: 70, top: 10, bottom: 20 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: names, inverse: true },
        series: [
          {
            name: 'Reached',
            type: 'bar',
            data: report.stages.map((s) => ({
              value: s.reached,
              itemStyle: s.stageId === report.bottleneck ? { color: COLORS.bad } : undefined,
            })),
            label: {
              show: true,
              position: 'right',
              formatter: (p: { dataIndex: number }) => fmt.rate(report.stages[p.dataIndex].conversion),
            },
          },
        ],
      },
      openStageOnClick(
        ctx,
        report.stages.map((s) => s.stageId),
      ),
    );
    body.append(
      dataTable(
        'Funnel by stage (conversion: to the next stage, from the last stage to won)',
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (s) => s.stageId,
            show: (s) => {
              const link = viewLink(
                ctx,
                stageDeals(ctx, s.stageId),
                stageName(ctx, s.stageId),
                `Open deals in ${stageName(ctx, s.stageId)}`,
              );
              return s.stageId === report.bottleneck
                ? h('span', {}, link, h('strong', { class: 'flag' }, ' bottleneck'))
                : link;
            },
          },
          countColumn('reached', 'Reached'),
          rateColumn('conversion', 'Conversion'),
          countColumn('lost', 'Lost here'),
          countColumn('open', 'Open here'),
        ],
        report.stages,
        { name: 'stages' },
      ),
    );
  },
};
