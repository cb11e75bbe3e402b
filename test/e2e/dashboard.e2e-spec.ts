/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (the functions given to page.evaluate run in the browser)
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, browserRequired, CHROMIUM, launchChromium } from './support/browser.js';
import { type EngineProcess, runBuilt, startEngine } from './support/engine-process.js';
import { tempDataDir } from './support/store-targets.js';
import { REPORT_NAMES } from '@sales/reports';

// The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the built
// engine on a demo history written through the command path: every panel renders, and every figure
// it shows equals the API's for the same filters. One screenshot per panel goes to
// test-artifacts/dashboard/.

const root = new URL('../..', import.meta.url).pathname;
const ARTIFACTS = join(root, 'test-artifacts/dashboard');
const KEYS = {
  analyst: 'dash-analyst-secret-0123456789',
  auditor: 'dash-auditor-secret-0123456789',
  service: 'dash-service-secret-0123456789',
};
const SALES_API_KEYS = Object.entries(KEYS)
  .map(([role, secret]) => `${role}-key:${role}:${secret}`)
  .join(',');

// One panel per report, named after it.
const PANELS = REPORT_NAMES;

// The contract (§4): these follow a stage order and default to the `default` pipeline; leads have
// no pipeline; every other report covers every pipeline unless one is given.
const STAGE_ORDER = ['funnel', 'stage-velocity', 'forecast', 'pipeline'];
const NO_PIPELINE = ['lead-conversion'];
const expectedPipeline = (panel: string, chosen: string | null): string | null =>
  NO_PIPELINE.includes(panel) ? null : STAGE_ORDER.includes(panel) ? (chosen ?? 'default') : chosen;

// Open deals now (pipeline), a quota period (quota-attainment), the months ahead (forecast).
const OWN_WINDOW = ['pipeline', 'quota-attainment', 'forecast'];

const run = browserAvailable || browserRequired ? describe : describe.skip;
if (!browserAvailable && !browserRequired)
  console.warn(`dashboard browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

type Json = Record<string, unknown>;
type Shown = {
  request: string;
  summary: Record<string, unknown>;
  tables: Record<string, Record<string, unknown>[]>;
};

const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Json | null)?.[key], value);

// Ages of open deals and visits are measured up to "now", which moves between the page's request
// and the test's: they may differ by the seconds between the two. Everything else is exact.
const AGE_FIELDS = /ageDays|AgeDays/;
function expectSameFigures(actual: unknown, expected: unknown, field: string) {
  if (AGE_FIELDS.test(field) && typeof actual === 'number' && typeof expected === 'number')
    expect(Math.abs(actual - expected)).toBeLessThan(0.01);
  else expect({ field, value: actual }).toEqual({ field, value: expected });
}

/** What a panel shows: its headline figures and the rows of its tables, as exact values. */
function shownIn(page: Page, panel: string): Promise<Shown> {
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
function reportRows(panel: string, table: string, report: Json): Json[] {
  if (panel === 'cycle-time' && table === 'outcomes')
    return (['won', 'lost'] as const).map((outcome) => ({ outcome, ...(report[outcome] as Json) }));
  return report[table] as Json[];
}

run('the dashboard in Chromium, on the demo history', () => {
  const data = tempDataDir();
  let engine: EngineProcess;
  let browser: Browser;
  let page: Page;

  const api = async (path: string, key = KEYS.analyst): Promise<Json> => {
    const response = await fetch(`${engine.url}/v1/${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  };

  const ready = () =>
    page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 60_000 });

  async function signIn(key: string) {
    await page.goto(`${engine.url}/`);
    await page.fill('#api-key', key);
    await page.press('#api-key', 'Enter');
    await ready();
  }

  /** `pipelineId`: the pipeline chosen on the page, null for every pipeline. */
  async function expectPanelsMatchApi(
    pipelineId: string | null,
    expectedInRequest: Record<string, string>,
  ): Promise<void> {
    for (const panel of PANELS) {
      const shown = await shownIn(page, panel);
      const query = new URLSearchParams(shown.request.split('?')[1] ?? '');
      const pipeline = expectedPipeline(panel, pipelineId);
      expect({ panel, pipelineId: query.get('pipelineId') }).toEqual({ panel, pipelineId: pipeline });
      const scope = await page.textContent(`[data-panel="${panel}"] .panel-scope`);
      if (pipeline) expect({ panel, scope }).toEqual({ panel, scope: expect.stringContaining(`(${pipeline})`) });
      else if (!NO_PIPELINE.includes(panel)) expect({ panel, scope }).toEqual({ panel, scope: 'Every pipeline' });
      for (const [name, value] of Object.entries(expectedInRequest)) {
        if ((name === 'from' || name === 'to') && OWN_WINDOW.includes(panel)) continue;
        expect({ panel, [name]: query.get(name) }).toEqual({ panel, [name]: value });
      }
      const report = await api(shown.request);
      for (const [field, value] of Object.entries(shown.summary))
        expectSameFigures(value, get(report, field), `${panel}.${field}`);
      expect(Object.keys(shown.tables).length).toBeGreaterThan(0);
      for (const [table, rows] of Object.entries(shown.tables)) {
        const expected = reportRows(panel, table, report);
        expect({ panel, table, rows: rows.length }).toEqual({ panel, table, rows: expected.length });
        rows.forEach((row, i) => {
          for (const [field, value] of Object.entries(row))
            expectSameFigures(value, get(expected[i], field), `${panel}.${table}[${i}].${field}`);
        });
      }
    }
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const env = { SALES_DATA_DIR: data.dir, SALES_API_KEYS, EVENTSTORE_URL: '', MONGODB_URL: '' };
    const seeded = await runBuilt(
      'dist/apps/cli/src/main.js',
      ['seed', '--deals', '300', '--seed', '3'],
      env,
    );
    if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
    engine = await startEngine(env);
    browser = await launchChromium();
  }, 180_000);

  // Each test in a fresh browser context: nothing kept from the one before, the key included.
  let context: BrowserContext;
  const pageErrors: string[] = [];
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  afterEach(async () => {
    await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    data.remove();
  });

  it('asks for a key, keeps it out of the URL, and refuses a wrong one', async () => {
    await page.goto(`${engine.url}/`);
    await page.fill('#api-key', 'not-a-key');
    await page.press('#api-key', 'Enter');
    await page.waitForSelector('.sign-in [role=alert]');
    expect(await page.textContent('.sign-in [role=alert]')).toContain('not valid');
    await signIn(KEYS.analyst);
    expect(page.url()).not.toContain(KEYS.analyst);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(KEYS.analyst);
    expect(await page.textContent('#who')).toContain('analyst');
  });

  it('renders every panel with data, and each figure equals the API for the same filters', async () => {
    await signIn(KEYS.analyst);
    await page.selectOption('#f-period', 'last-12-months');
    await ready();
    for (const panel of PANELS) {
      const section = page.locator(`[data-panel="${panel}"]`);
      expect(await section.locator('[role=alert]').count()).toBe(0);
      expect(await section.locator('table[data-table] tbody tr').count()).toBeGreaterThan(0);
      await section.screenshot({ path: join(ARTIFACTS, `${panel}.png`) });
    }
    // Charts are drawn by the chart library and labelled for screen readers.
    const charts = await page.$$eval('.chart', (hosts) =>
      hosts.map((host) => ({
        role: host.getAttribute('role'),
        label: host.getAttribute('aria-label') ?? '',
        svg: !!host.querySelector('svg'),
      })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(10);
    for (const chart of charts) expect(chart).toMatchObject({ role: 'img', svg: true });
    for (const chart of charts) expect(chart.label.length).toBeGreaterThan(10);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await expectPanelsMatchApi(null, {});
  });

  it('applies the filters to every panel, keeps them in the URL, and keeps them on reload', async () => {
    await signIn(KEYS.analyst);
    await page.selectOption('#f-period', 'custom');
    await ready();
    const from = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#f-from', from);
    await page.fill('#f-to', to);
    await page.fill('#f-owner', 'rep-bo');
    await page.press('#f-owner', 'Enter');
    await ready();
    await page.selectOption('#f-pipeline', 'enterprise');
    await ready();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      period: 'custom',
      from,
      to,
      ownerId: 'rep-bo',
      pipelineId: 'enterprise',
    });
    await expectPanelsMatchApi('enterprise', { from, to, ownerId: 'rep-bo' });
    await page.reload();
    await ready();
    expect(await page.inputValue('#f-owner')).toBe('rep-bo');
    expect(await page.inputValue('#f-pipeline')).toBe('enterprise');
    await expectPanelsMatchApi('enterprise', { from, to, ownerId: 'rep-bo' });
  });

  it('shows every report as of a past date, equal to the API asked as of that date', async () => {
    await signIn(KEYS.analyst);
    const asOf = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${engine.url}/?period=last-90-days&source=referral&asOf=${asOf}`);
    await ready();
    const asOfInstant = new Date(Date.parse(asOf) + 86_400_000 - 1).toISOString();
    await expectPanelsMatchApi(null, { asOf: asOfInstant, source: 'referral' });
    await page.locator('[data-panel="funnel"]').screenshot({ path: join(ARTIFACTS, 'funnel-as-of.png') });

    // A stage's deals as they stood that day, not as they are now.
    const stageLink = page
      .locator('[data-panel="pipeline"] table[data-table="stages"] tbody tr')
      .filter({ has: page.locator('td:nth-child(2):not([data-value="0"])') }) // deals > 0
      .locator('a')
      .first();
    const stageId = JSON.parse((await stageLink.locator('xpath=..').getAttribute('data-value'))!) as string;
    await stageLink.click();
    await ready();
    expect(await page.textContent('main')).toContain(`as they stood at the end of ${asOf}`);
    const listed = await page.$$eval('table[data-table="deals"] tbody tr', (rows) =>
      rows.map((row) => JSON.parse(row.children[0].getAttribute('data-value')!) as string),
    );
    const query = `pipelineId=default&stageId=${stageId}&status=open&limit=100`;
    const then = (await api(`deals?${query}&asOf=${asOfInstant}`)).items as Json[];
    const now = (await api(`deals?${query}`)).items as Json[];
    expect(listed.sort()).toEqual(then.map((d) => d.dealId as string).sort());
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).not.toEqual(now.map((d) => d.dealId as string).sort());
  });

  it('offers each panel as CSV', async () => {
    await signIn(KEYS.analyst);
    for (const panel of ['funnel', 'reps', 'pipeline']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`[data-panel="${panel}"] button.csv`),
      ]);
      const path = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(path);
      const csv = readFileSync(path, 'utf8');
      expect(csv.split('\r\n')[0]).toContain('section');
      expect(csv.split('\r\n').length).toBeGreaterThan(2);
    }
  });

  it('drills from a stage to its deals, and from a deal to its stage timeline', async () => {
    await signIn(KEYS.analyst);
    const stageLink = page.locator('[data-panel="pipeline"] table[data-table="stages"] tbody tr a').first();
    const stageId = JSON.parse((await stageLink.locator('xpath=..').getAttribute('data-value'))!) as string;
    await stageLink.click();
    await ready();
    expect(new URL(page.url()).searchParams.get('view')).toBe('deals');
    const listed = await page.$$eval('table[data-table="deals"] tbody tr', (rows) =>
      rows.map((row) => JSON.parse(row.children[0].getAttribute('data-value')!) as string),
    );
    const expected = (await api(`deals?pipelineId=default&stageId=${stageId}&status=open&limit=100`))
      .items as Json[];
    expect(listed.sort()).toEqual(expected.map((d) => d.dealId as string).sort());
    expect(listed.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'drill-stage.png'), fullPage: true });

    await page.locator('table[data-table="deals"] tbody tr a').first().click();
    await ready();
    const dealId = new URL(page.url()).searchParams.get('dealId')!;
    const deal = await api(`deals/${dealId}`);
    const visits = await page.$$eval('table[data-table="visits"] tbody tr', (rows) =>
      rows.map((row) =>
        [...row.children].map((cell) => JSON.parse(cell.getAttribute('data-value')!) as unknown),
      ),
    );
    expect(visits).toEqual(
      (deal.stageHistory as Json[]).map((v) => [v.stageId, v.enteredAt, v.exitedAt, v.exit]),
    );
    expect(await page.locator('.timeline svg').count()).toBe(1);
    // An analyst key does not see the audit history.
    expect(await page.locator('table[data-table="history"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'deal.png'), fullPage: true });
  });

  it('drills from a rep to the deals they own', async () => {
    await signIn(KEYS.analyst);
    await page.locator('[data-panel="reps"] table[data-table="owners"] tbody tr a').first().click();
    await ready();
    const owner = new URL(page.url()).searchParams.get('dealOwner')!;
    const owners = await page.$$eval('table[data-table="deals"] tbody tr', (rows) =>
      rows.map((row) => JSON.parse(row.children[1].getAttribute('data-value')!) as string),
    );
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([owner]));
  });

  it("shows an auditor a deal's full history, and no reports", async () => {
    await signIn(KEYS.auditor);
    expect(await page.textContent('main')).toContain('Reports need an analyst or admin key');
    const dealId = ((await api('deals?limit=1')).items as Json[])[0].dealId as string;
    await page.fill('#find-deal-id', dealId);
    await page.press('#find-deal-id', 'Enter');
    await ready();
    const history = (await api(`deals/${dealId}/history`, KEYS.auditor)) as unknown as Json[];
    const shown = await page.$$eval('table[data-table="history"] tbody tr', (rows) =>
      rows.map((row) =>
        [...row.children].map((cell) => JSON.parse(cell.getAttribute('data-value')!) as unknown),
      ),
    );
    expect(shown).toEqual(
      history.map((e) => [
        e.revision,
        e.type,
        e.occurredAt,
        e.recordedAt,
        e.principal,
        e.actorId,
        e.data,
        e.hash,
      ]),
    );
  });

  it('works by keyboard, labels every control, and fits a tablet', async () => {
    await signIn(KEYS.analyst);
    const unlabelled = await page.$$eval('input, select', (controls) =>
      controls
        .filter(
          (c) => c.id && !document.querySelector(`label[for="${c.id}"]`) && !c.getAttribute('aria-label'),
        )
        .map((c) => c.id),
    );
    expect(unlabelled).toEqual([]);
    // From the top of the page: the skip link first, then the filters and the panels' CSV buttons.
    await page.reload();
    await ready();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''),
      );
    }
    expect([...reached]).toEqual(expect.arrayContaining(['f-pipeline', 'f-period', 'f-owner', 'csv']));
    // Sorting the rep table by keyboard.
    await page.locator('[data-panel="reps"] th[data-field="won"] button').focus();
    await page.keyboard.press('Enter');
    const won = await page.$$eval('[data-panel="reps"] table tbody tr td:nth-child(2)', (cells) =>
      cells.map((c) => Number(c.getAttribute('data-value'))),
    );
    expect(won).toEqual([...won].sort((a, b) => b - a));
    expect(await page.getAttribute('[data-panel="reps"] th[data-field="won"]', 'aria-sort')).toBe(
      'descending',
    );

    for (const [name, viewport] of [
      ['tablet', { width: 820, height: 1180 }],
      ['laptop', { width: 1280, height: 800 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
