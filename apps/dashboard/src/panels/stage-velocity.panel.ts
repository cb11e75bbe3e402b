import { COLORS, drawChart } from '../charts.js';
import { fmt, h } from '../dom.js';
import { openStageOnClick, type Panel, stageColumn, stageName, windowParams } from '../panel.js';
import type { StageVelocityReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, rateColumn } from '../table.js';

export const stageVelocityPanel: Panel<StageVelocityReport> = {
  id: 'stage-velocity',
  title: 'Stage velocity',
  description:
    'Visits that ended in the period: days spent in each stage, how many moved on, and where they went.',
  report: 'stage-velocity',
  scope: 'stages',
  params: (ctx) => windowParams(ctx, 'stages'),
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
      openStageOnClick(
        ctx,
        report.stages.map((s) => s.stageId),
      ),
    );
    body.append(
      dataTable(
        'Stage velocity by stage',
        [
          stageColumn(ctx),
          countColumn('exits', 'Exits'),
          countColumn('advanced', 'Advanced'),
          countColumn('lost', 'Lost'),
          countColumn('movedBack', 'Moved back'),
          rateColumn('conversion', 'Conversion'),
          daysColumn('daysInStage.mean', 'Mean'),
          daysColumn('daysInStage.median', 'Median'),
          daysColumn('daysInStage.p90', 'p90'),
          countColumn('open.count', 'Open now'),
          daysColumn('open.meanAgeDays', 'Open, mean age'),
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
    const heat = h('div', { class: 'chart chart-tall chart-heat' });
    body.append(h('h3', {}, 'Transitions (rows: from, columns: to)'), heat);
    drawChart(
      heat,
      `Transitions: ${report.transitions.map((t) => `${t.count} from ${stageName(ctx, t.from)} to ${t.to}`).join(', ')}`,
      {
        grid: { left: 110, right: 20, top: 10, bottom: 150 },
        tooltip: {
          formatter: (p: { data: number[] }) => `${names[p.data[1]]} → ${toNames[p.data[0]]}: ${p.data[2]}`,
        },
        xAxis: {
          type: 'category',
          data: toNames,
          // Every column named, upright so that long stage names never meet; the axis is named in the heading.
          axisLabel: { interval: 0, rotate: 90, hideOverlap: false },
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
          inRange: { color: [COLORS.faint, COLORS.primary] },
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
          countColumn('count', 'Count'),
        ],
        report.transitions,
        { name: 'transitions' },
      ),
    );
  },
};
