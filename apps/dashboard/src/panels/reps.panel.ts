import { ownerColumn, type Panel, windowParams } from '../panel.js';
import type { RepsReport } from '../reports.js';
import { countColumn, dataTable, daysColumn, hoursColumn, moneyColumn, rateColumn } from '../table.js';

export const repsPanel: Panel<RepsReport> = {
  id: 'reps',
  title: 'Reps',
  description:
    'Per owner over the period: deals won and win rate, median cycle, hours to the first response on new leads, and activities. Sort by any column.',
  report: 'reps',
  scope: 'every',
  params: (ctx) => windowParams(ctx, 'every'),
  render: (body, report, ctx) => {
    body.append(
      dataTable(
        'Reps over the period',
        [
          ownerColumn(ctx),
          countColumn('won', 'Won'),
          moneyColumn('wonAmount', 'Won amount'),
          rateColumn('winRate', 'Win rate'),
          daysColumn('cycleDaysWon.median', 'Median cycle'),
          hoursColumn('firstResponseHours.median', 'First response'),
          countColumn('activities.total', 'Activities'),
          countColumn('dealsOpened', 'Deals opened'),
          countColumn('lost', 'Lost'),
          countColumn('leadsConverted', 'Leads converted'),
        ],
        report.owners,
        { name: 'owners', sortable: true },
      ),
    );
  },
};
