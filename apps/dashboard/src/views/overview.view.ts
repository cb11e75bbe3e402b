import {
  asOfInstant,
  type Filters,
  forecastRange,
  periodRange,
  quotaPeriods,
  type View,
} from '../filters.js';
import { h } from '../dom.js';
import { mountPanel, type PanelContext } from '../panel.js';
import { ALL_PANELS } from '../panels/all-panels.js';
import { filterBar, type FilterOptions } from './filter-bar.js';

/** The manager's page: the shared filters, then every panel. Resolves when every panel has answered. */
export async function overviewView(
  main: HTMLElement,
  filters: Filters,
  options: FilterOptions,
  names: Pick<PanelContext, 'stageNames' | 'pipelineNames' | 'currency'>,
  navigate: (filters: Filters, view: View) => void,
): Promise<void> {
  const range = periodRange(filters);
  const ctx: PanelContext = {
    filters,
    range,
    forecastRange: forecastRange(filters),
    asOf: asOfInstant(filters),
    quotaPeriod: filters.quotaPeriod || quotaPeriods(range)[0],
    ...names,
    go: (view) => navigate(filters, view),
  };
  const grid = h('div', { class: 'panels' });
  const when = filters.asOf ? `as of the end of ${filters.asOf}` : 'as of now';
  main.append(
    h('h2', { class: 'visually-hidden' }, 'Filters'),
    filterBar(filters, options, (next) => navigate(next, { name: 'overview' })),
    h(
      'p',
      { class: 'scope', id: 'scope' },
      `Period ${range.from} to ${range.to} (exclusive), ${when}`,
      filters.ownerId ? `, owner ${filters.ownerId}` : '',
      filters.source ? `, source ${filters.source}` : '',
      `. Amounts in ${names.currency}.`,
    ),
    grid,
  );
  await Promise.all(
    ALL_PANELS.map((panel) => mountPanel(grid, panel as Parameters<typeof mountPanel>[1], ctx)),
  );
}
