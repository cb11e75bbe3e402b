import { drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { type Panel, stageDeals, stageName, viewLink, windowParams } from '../panel.js';
import type { StageVelocityReport } from '../reports.js';
import { dataTable } from '../table.js';

export const stageVelocityPanel: Panel<StageVelocityReport> = {
  id: 'stage-velocity',
  title: 'Stage velocity',
  description:
    'Visits that ended in the period: days spent in each stage, how many moved on, and where they went.',
  report: 'stage-velocity',
  params: (ctx) => windowParams(ctx),
  render: (body, report, ctx) => {
    const names = report.stages.map((s) => stageName(ctx, s.stageId));
    const days = h('div', { class: 'chart' });
    body.append(h('h3', {}, 'Days in stage'), days);
    drawChart(
      days,
      `Days in stage, median: ${report.stages.map((s, i) => `${names[i]} ${fmt.days(s.daysInStage.median)}`).join(', ')}`,
      {
        grid: { left: 50, right: 10, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => fmt.days(v) },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value', name: 'days' },
        series: (['mean', 'median', 'p90'] as const).map((stat) => ({
          name: stat === 'p90' ? 'p90' : stat[0].toUpperCase() + stat.slice(1),
          type: 'bar',
          data: report.stages.map((s) => s.daysInStage[stat]),
        })),
      },
      (event) => {
        const stage = report.stages[names.indexOf(event.name ?? '')];
        if (stage) ctx.go(stageDeals(ctx, stage.stageId));
      },
    );
    body.append(
      dataTable(
        'Stage velocity by stage',
        [
          {
            field: 'stageId',
            label: 'Stage',
            value: (s) => s.stageId,
            show: (s) =>
              viewLink(
                ctx,
                stageDeals(ctx, s.stageId),
                stageName(ctx, s.stageId),
                `Open deals in ${stageName(ctx, s.stageId)}`,
              ),
          },
          { field: 'exits', label: 'Exits', value: (s) => s.exits, numeric: true },
          { field: 'advanced', label: 'Advanced', value: (s) => s.advanced, numeric: true },
          { field: 'lost', label: 'Lost', value: (s) => s.lost, numeric: true },
          { field: 'movedBack', label: 'Moved back', value: (s) => s.movedBack, numeric: true },
          {
            field: 'conversion',
            label: 'Conversion',
            value: (s) => s.conversion,
            show: (s) => fmt.rate(s.conversion),
            numeric: true,
          },
          {
            field: 'daysInStage.mean',
            label: 'Mean',
            value: (s) => s.daysInStage.mean,
            show: (s) => fmt.days(s.daysInStage.mean),
            numeric: true,
          },
          {
            field: 'daysInStage.median',
            label: 'Median',
            value: (s) => s.daysInStage.median,
            show: (s) => fmt.days(s.daysInStage.median),
            numeric: true,
          },
          {
            field: 'daysInStage.p90',
            label: 'p90',
            value: (s) => s.daysInStage.p90,
            show: (s) => fmt.days(s.daysInStage.p90),
            numeric: true,
          },
          { field: 'open.count', label: 'Open now', value: (s) => s.open.count, numeric: true },
          {
            field: 'open.meanAgeDays',
            label: 'Open, mean age',
            value: (s) => s.open.meanAgeDays,
            show: (s) => fmt.days(s.open.meanAgeDays),
            numeric: true,
          },
        ],
        report.stages,
        { name: 'stages' },
      ),
    );
    // Transition matrix: from (rows, pipeline order) × to (stages, then won and lost).
    const toKeys = [...report.stages.map((s) => s.stageId), 'won', 'lost'];
    const toNames = toKeys.map((k) => (k === 'won' || k === 'lost' ? k : stageName(ctx, k)));
    const cells = report.transitions.map((t) => [
      toKeys.indexOf(t.to),
      report.stages.findIndex((s) => s.stageId === t.from),
      t.count,
    ]);
    const max = Math.max(1, ...report.transitions.map((t) => t.count));
    const heat = h('div', { class: 'chart chart-tall' });
    body.append(h('h3', {}, 'Transitions'), heat);
    drawChart(
      heat,
      `Transitions: ${report.transitions.map((t) => `${t.count} from ${stageName(ctx, t.from)} to ${t.to}`).join(', ')}`,
      {
        grid: { left: 110, right: 20, top: 10, bottom: 70 },
        tooltip: {
          formatter: (p: { data: number[] }) => `${names[p.data[1]]} → ${toNames[p.data[0]]}: ${p.data[2]}`,
        },
        xAxis: {
          type: 'category',
          data: toNames,
          name: 'to',
          nameLocation: 'middle',
          nameGap: 28,
          splitArea: { show: true },
        },
        yAxis: { type: 'category', data: names, inverse: true, splitArea: { show: true } },
        visualMap: {
          min: 0,
          max,
          calculable: false,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 120,
          inRange: { color: ['#eef3fb', '#2f6db5'] },
        },
        series: [{ name: 'Transitions', type: 'heatmap', data: cells, label: { show: true } }],
      },
    );
    body.append(
      dataTable(
        'Transitions between stages',
        [
          { field: 'from', label: 'From', value: (t) => t.from, show: (t) => stageName(ctx, t.from) },
          {
            field: 'to',
            label: 'To',
            value: (t) => t.to,
            show: (t) => (t.to === 'won' || t.to === 'lost' ? t.to : stageName(ctx, t.to)),
          },
          { field: 'count', label: 'Count', value: (t) => t.count, numeric: true },
        ],
        report.transitions,
        { name: 'transitions' },
      ),
    );
  },
};
