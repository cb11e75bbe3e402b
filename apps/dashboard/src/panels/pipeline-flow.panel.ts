import { fmt } from '../dom.js';
import { type Panel, windowParams } from '../panel.js';
import type { PipelineFlowReport } from '../reports.js';
import { FLOW_MOVEMENTS } from './flow-movements.js';
import { countColumn, dataTable, moneyColumn, summaryOf } from '../table.js';

export const pipelineFlowPanel: Panel<PipelineFlowReport> = {
  id: 'pipeline-flow',
  title: 'Pipeline flow',
  description:
    'How the open pipeline at the start of the period became the one at its end (or now, if sooner): deals added, moved, won, lost and re-valued.',
  report: 'pipeline-flow',
  scope: 'stages',
  params: (ctx) => {
    const window = windowParams(ctx, 'stages');
    const until = ctx.asOf ?? new Date().toISOString();
    return { ...window, to: Date.parse(ctx.range.to) > Date.parse(until) ? until : ctx.range.to };
  },
  render: (body, report) => {
    body.append(
      summaryOf(report, [
        ['start.amount', 'At the start', fmt.money],
        ['end.amount', 'At the end', fmt.money],
        ['openedAndClosed.won', 'Opened and won inside', fmt.count],
        ['openedAndClosed.lost', 'Opened and lost inside', fmt.count],
      ]),
    );
    const rows = FLOW_MOVEMENTS.map(([movement, label]) => ({ movement, label, ...report[movement] }));
    body.append(
      dataTable(
        'Pipeline flow',
        [
          { field: 'movement', label: 'Movement', value: (row) => row.movement, show: (row) => row.label },
          countColumn('deals', 'Deals'),
          moneyColumn('amount', 'Amount'),
        ],
        rows,
        { name: 'movements' },
      ),
    );
  },
};
