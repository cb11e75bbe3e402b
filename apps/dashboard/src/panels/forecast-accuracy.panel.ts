import { fmt } from '../dom.js';
import { type Panel, windowParams } from '../panel.js';
import type { ForecastAccuracyReport } from '../reports.js';
import { countColumn, dataTable, moneyColumn, rateColumn, summaryOf } from '../table.js';

// The forecast for the period as it stood at its start, a quarter, half and three quarters in:
// those instants not later than the as-of time (now by default).
function instants(range: { from: string; to: string }, asOf: string | null): string {
  const [from, to] = [Date.parse(range.from), Date.parse(range.to)];
  const until = asOf === null ? Date.now() : Date.parse(asOf);
  const at = [0, 0.25, 0.5, 0.75]
    .map((f) => Math.round(from + f * (to - from)))
    .filter((t, i) => i === 0 || t <= until);
  return at.map((t) => new Date(t).toISOString()).join(',');
}

export const forecastAccuracyPanel: Panel<ForecastAccuracyReport> = {
  id: 'forecast-accuracy',
  title: 'Forecast accuracy',
  description:
    'The weighted forecast for the period as it stood at several moments, against what was won in it.',
  report: 'forecast-accuracy',
  scope: 'stages',
  params: (ctx) => ({ ...windowParams(ctx, 'stages'), at: instants(ctx.range, ctx.asOf) }),
  render: (body, report) => {
    body.append(
      summaryOf(report, [
        ['actual.won', 'Won in the period', fmt.count],
        ['actual.wonAmount', 'Won amount', fmt.money],
      ]),
    );
    body.append(
      dataTable(
        'Forecast at each moment',
        [
          { field: 'at', label: 'Forecast at', value: (row) => row.at, show: (row) => fmt.time(row.at) },
          countColumn('deals', 'Deals'),
          moneyColumn('weightedAmount', 'Weighted'),
          moneyColumn('error', 'Error'),
          rateColumn('absPctError', 'Abs. error'),
          countColumn('wonFromForecast.deals', 'Of them won'),
        ],
        report.snapshots,
        { name: 'snapshots' },
      ),
    );
  },
};
