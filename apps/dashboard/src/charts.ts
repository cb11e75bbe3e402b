// ECharts, only the parts the panels use, drawn as SVG (crisp at any zoom, text stays text).
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  CustomChart,
  ScatterChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = { name?: string; seriesName?: string; data?: unknown };

/** Colours with a meaning, the same in every chart: good news green, bad news red. */
export const COLORS = {
  primary: '#2f6db5',
  secondary: '#e08a2e',
  good: '#3f9b5a',
  bad: '#c0504d',
  neutral: '#8c8c8c',
  faint: '#eef3fb',
} as const;

export const PALETTE = [
  COLORS.primary,
  COLORS.secondary,
  COLORS.good,
  COLORS.bad,
  '#7a5aa6',
  '#4aa3b5',
  COLORS.neutral,
];

const live = new Set<echarts.ECharts>();
let observing = false;

/**
 * Draws a chart into `host`, described for screen readers by `label` (the figures themselves are
 * in the panel's table). `onClick` makes its bars a way into the deals behind them.
 */
export function drawChart(
  host: HTMLElement,
  label: string,
  option: ChartOption,
  onClick?: (event: ChartClick) => void,
): void {
  host.setAttribute('role', 'img');
  host.setAttribute('aria-label', label);
  const chart = echarts.init(host, null, { renderer: 'svg' });
  chart.setOption({
    color: PALETTE,
    animation: false,
    // The library's own description ("the data for ads is 11, 0, …") replaced by ours.
    aria: { enabled: true, label: { description: label } },
    textStyle: { fontFamily: 'inherit' },
    ...option,
    ...(option.legend ? { legend: { itemGap: 18, itemWidth: 16, ...(option.legend as object) } } : {}),
  });
  if (onClick) chart.on('click', (event) => onClick(event as ChartClick));
  live.add(chart);
  if (!observing) {
    observing = true;
    window.addEventListener('resize', () => live.forEach((c) => c.resize()));
  }
}

/** Frees the charts of a view that is being replaced. */
export function disposeCharts(): void {
  live.forEach((chart) => chart.dispose());
  live.clear();
}

/** A chart's box, appended to `parent`, for drawChart to draw in. */
export function chartIn(parent: HTMLElement): HTMLElement {
  const box = h('div', { class: 'chart' });
  parent.append(box);
  return box;
}
