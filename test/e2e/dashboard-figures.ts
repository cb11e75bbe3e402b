import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FLOW_MOVEMENTS } from '../../apps/dashboard/src/panels/flow-movements.js';

// What the dashboard's browser suite compares: the figures a panel shows, read from the page, and
// the API's answer to the same request.

// The contract (§4): these follow a stage order and default to the `default` pipeline; leads have
// no pipeline; every other report covers every pipeline unless one is given.
export const STAGE_ORDER = [
  'funnel',
  'stage-velocity',
  'forecast',
  'pipeline',
  'stuck-deals',
  'pipeline-flow',
  'forecast-accuracy',
];
export const NO_PIPELINE = ['lead-conversion', 'customer-value'];
export const expectedPipeline = (panel: string, chosen: string | null): string | null =>
  NO_PIPELINE.includes(panel) ? null : STAGE_ORDER.includes(panel) ? (chosen ?? 'default') : chosen;

export type Json = Record<string, unknown>;
export type Shown = {
  request: string;
  summary: Record<string, unknown>;
  tables: Record<string, Record<string, unknown>[]>;
};

export const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Json | null)?.[key], value);

// Ages of open deals and visits are measured up to "now", which moves between the page's request
// and the test's: they may differ by the seconds between the two, and so may a stuck deal's ratio
// of age to threshold. Everything else is exact.
const AGE_FIELDS = /ageDays|AgeDays|^stuck-deals\.deals\[\d+\]\.ratio$/;
export function expectSameFigures(actual: unknown, expected: unknown, field: string) {
  if (AGE_FIELDS.test(field) && typeof actual === 'number' && typeof expected === 'number')
    expect(Math.abs(actual - expected)).toBeLessThan(0.01);
  else expect({ field, value: actual }).toEqual({ field, value: expected });
}

/** What a panel shows: its headline figures and the rows of its tables, as exact values. */
export function shownIn(page: Page, panel: string): Promise<Shown> {
  return page.$eval(`[data-panel="${panel}"]`, (section) => {
    const parse = (el: Element) => JSON.parse(el.getAttribute('data-value') ?? 'null') as unknown;
    const summary: Record<string, unknown> = {};
    for (const item of section.querySelectorAll('dl.summary > div[data-field]'))
      summary[item.getAttribute('data-field')!] = parse(item.querySelector('dd')!);
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const table of section.querySelectorAll('table[data-table]')) {
      const fields = [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('data-field')!);
      tables[table.getAttribute('data-table')!] = [...table.querySelectorAll('tbody tr')].map((tr) =>
        Object.fromEntries([...tr.children].map((cell, i) => [fields[i], parse(cell)])),
      );
    }
    return { request: (section as HTMLElement).dataset.request!, summary, tables };
  });
}

// The list a table of a panel shows, taken from the report.
export function reportRows(panel: string, table: string, report: Json): Json[] {
  if (panel === 'cycle-time' && table === 'outcomes')
    return (['won', 'lost'] as const).map((outcome) => ({ outcome, ...(report[outcome] as Json) }));
  if (panel === 'pipeline-flow' && table === 'movements')
    return FLOW_MOVEMENTS.map(([movement]) => ({ movement, ...(report[movement] as Json) }));
  return report[table] as Json[];
}
