import { fmt } from '../dom.js';
import { ownerDeals, type Panel, viewLink, windowParams } from '../panel.js';
import type { RepsReport } from '../reports.js';
import { dataTable } from '../table.js';

export const repsPanel: Panel<RepsReport> = {
  id: 'reps',
  title: 'Reps',
  description:
    'Per owner over the period: deals won and win rate, median cycle, hours to the first response on new leads, and activities. Sort by any column.',
  report: 'reps',
  params: (ctx) => windowParams(ctx),
  render: (body, report, ctx) => {
    body.append(
      dataTable(
        'Reps over the period',
        [
          {
            field: 'key',
            label: 'Owner',
            value: (o) => o.key,
            show: (o) => viewLink(ctx, ownerDeals(o.key), o.key, `Deals of ${o.key}`),
          },
          { field: 'won', label: 'Won', value: (o) => o.won, numeric: true },
          {
            field: 'wonAmount',
            label: 'Won amount',
            value: (o) => o.wonAmount,
            show: (o) => fmt.money(o.wonAmount),
            numeric: true,
          },
          {
            field: 'winRate',
            label: 'Win rate',
            value: (o) => o.winRate,
            show: (o) => fmt.rate(o.winRate),
            numeric: true,
          },
          {
            field: 'cycleDaysWon.median',
            label: 'Median cycle',
            value: (o) => o.cycleDaysWon.median,
            show: (o) => fmt.days(o.cycleDaysWon.median),
            numeric: true,
          },
          {
            field: 'firstResponseHours.median',
            label: 'First response',
            value: (o) => o.firstResponseHours.median,
            show: (o) => fmt.hours(o.firstResponseHours.median),
            numeric: true,
          },
          { field: 'activities.total', label: 'Activities', value: (o) => o.activities.total, numeric: true },
          { field: 'dealsOpened', label: 'Deals opened', value: (o) => o.dealsOpened, numeric: true },
          { field: 'lost', label: 'Lost', value: (o) => o.lost, numeric: true },
          {
            field: 'leadsConverted',
            label: 'Leads converted',
            value: (o) => o.leadsConverted,
            numeric: true,
          },
        ],
        report.owners,
        { name: 'owners', sortable: true },
      ),
    );
  },
};
