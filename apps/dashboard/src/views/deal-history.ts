import type { ChainReport } from '../../../../libs/event-store/src/chain-verification.js';
import { h } from '../dom.js';
import type { HistoryEntry } from '../reports.js';
import { dataTable, textColumn, timeColumn } from '../table.js';
import { storyOf } from './deal-story.js';

export type { ChainReport };

export type LinkState = 'verified' | 'broken' | 'after-break';

/**
 * Each event's link in the deal's hash chain, from the verify endpoint: links before the first
 * broken one are verified; the broken one is named with its reason; those after it are not vouched
 * for, since the chain that would vouch for them is broken.
 */
export function linkState(entry: HistoryEntry, report: ChainReport): LinkState {
  const broken = report.firstBroken;
  if (!broken || entry.revision < broken.revision) return 'verified';
  return entry.revision === broken.revision ? 'broken' : 'after-break';
}

const LINK_TEXT: Record<LinkState, string> = {
  verified: '✓ verified',
  broken: '✗ broken',
  'after-break': '? after a broken link',
};

function chainCell(entry: HistoryEntry, report: ChainReport): HTMLElement {
  const state = linkState(entry, report);
  const reason = state === 'broken' ? report.firstBroken!.reason : null;
  return h(
    'span',
    { class: `link link-${state}`, 'data-link': state },
    h('span', { class: 'link-state' }, LINK_TEXT[state], reason ? `: ${reason}` : ''),
    entry.hash ? h('code', { class: 'hash', title: entry.hash }, `${entry.hash.slice(0, 12)}…`) : '',
  );
}

function whatHappened(entry: HistoryEntry, stage: (id: string) => string): HTMLElement {
  const story = storyOf(entry.type, entry.data, stage);
  return h(
    'div',
    { class: 'story' },
    h('p', { class: 'sentence' }, story.sentence),
    story.changes.length
      ? h(
          'ul',
          { class: 'changes' },
          story.changes.map((c) =>
            h('li', {}, h('span', { class: 'change-field' }, c.field), ` ${c.from} → ${c.to}`),
          ),
        )
      : '',
  );
}

/** The auditor's history: what changed, by whom and when, each chain link checked, raw event a click away. */
export function auditHistory(
  history: HistoryEntry[],
  report: ChainReport,
  stage: (id: string) => string,
): HTMLElement {
  const summary = report.ok
    ? `Hash chain verified: all ${report.eventsChecked} events.`
    : `Hash chain BROKEN at event #${report.firstBroken!.revision} (${report.firstBroken!.reason}).`;
  return h(
    'section',
    { class: 'panel audit', 'aria-labelledby': 'history-title' },
    h('h3', { id: 'history-title' }, 'History'),
    h(
      'p',
      {
        class: report.ok ? 'chain-ok' : 'chain-broken error',
        role: 'status',
        'data-chain': report.ok ? 'ok' : 'broken',
      },
      summary,
    ),
    dataTable(
      'Every event of the deal: what changed, when, by whom, and its link in the hash chain',
      [
        { field: 'revision', label: '#', value: (e) => e.revision, numeric: true },
        { field: 'type', label: 'What happened', value: (e) => e.type, show: (e) => whatHappened(e, stage) },
        timeColumn('occurredAt', 'When'),
        timeColumn('recordedAt', 'Recorded'),
        { field: 'principal', label: 'By (key)', value: (e) => e.principal },
        textColumn('actorId', 'On behalf of'),
        {
          field: 'data',
          label: 'Raw event',
          value: (e) => e.data,
          show: (e) =>
            h(
              'details',
              {},
              h('summary', {}, e.type),
              h(
                'pre',
                {},
                JSON.stringify(
                  {
                    type: e.type,
                    data: e.data,
                    commandId: e.commandId,
                    correlationId: e.correlationId,
                    prevHash: e.prevHash,
                    hash: e.hash,
                  },
                  null,
                  2,
                ),
              ),
            ),
        },
        { field: 'hash', label: 'Chain link', value: (e) => e.hash, show: (e) => chainCell(e, report) },
      ],
      history,
      { name: 'history' },
    ),
  );
}
