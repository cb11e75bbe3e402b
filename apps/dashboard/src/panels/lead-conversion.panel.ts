import { COLORS, chartIn, drawChart } from '../charts.js';
import { fmt } from '../dom.js';
import { type Panel, windowParams } from '../panel.js';
import type { LeadConversionReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, rateColumn, summaryOf } from '../table.js';

export const leadConversionPanel: Panel<LeadConversionReport> = {
  id: 'lead-conversion',
  title: 'Lead conversion by source',
  description:
    'Leads captured in the period (every pipeline): converted, disqualified or still open, by marketing source.',
  report: 'lead-conversion',
  scope: 'none',
  params: (ctx) => windowParams(ctx, 'none'),
  render: (body, report) => {
    body.append(
      summaryOf(report, [
        ['captured', 'Captured', fmt.count],
        ['converted', 'Converted', fmt.count],
        ['conversionRate', 'Conversion rate', fmt.rate],
        ['daysToConvert.median', 'Median days to convert', fmt.days],
      ]),
    );
    const chart = chartIn(body);
    const sources = report.bySource;
    drawChart(
      chart,
      `Leads by source: ${sources.map((s) => `${s.key} ${s.captured} captured, ${fmt.rate(s.conversionRate)} converted`).join('; ')}`,
      {
        grid: { left: 90, right: 20, top: 30, bottom: 20 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: sources.map((s) => s.key), inverse: true },
        series: [
          {
            name: 'Converted',
            type: 'bar',
            stack: 'leads',
            itemStyle: { color: COLORS.good },
            data: sources.map((s) => s.converted),
          },
          {
            name: 'Open',
            type: 'bar',
            stack: 'leads',
            itemStyle: { color: COLORS.neutral },
            data: sources.map((s) => s.open),
          },
          {
            name: 'Disqualified',
            type: 'bar',
            stack: 'leads',
            itemStyle: { color: COLORS.bad },
            data: sources.map((s) => s.disqualified),
          },
        ],
      },
    );
    body.append(
      dataTable(
        'Lead conversion by source',
        [
          { field: 'key', label: 'Source', value: (s) => s.key },
          countColumn('captured', 'Captured'),
          countColumn('converted', 'Converted'),
          countColumn('disqualified', 'Disqualified'),
          countColumn('open', 'Open'),
          rateColumn('conversionRate', 'Conversion'),
          daysColumn('daysToConvert.median', 'Median days'),
        ],
        sources,
        { name: 'bySource', sortable: true },
      ),
    );
  },
};
