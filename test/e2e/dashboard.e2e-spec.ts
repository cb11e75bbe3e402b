/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (the functions given to page.evaluate run in the browser)
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, browserRequired, CHROMIUM, launchChromium } from './support/browser.js';
import { type EngineProcess, runBuilt, startEngine } from './support/engine-process.js';
import { tempDataDir } from './support/store-targets.js';
import { REPORT_NAMES } from '@sales/reports';
import {
  expectedPipeline,
  expectSameFigures,
  get,
  type Json,
  NO_PIPELINE,
  reportRows,
  shownIn,
} from './dashboard-figures.js';
import { layoutProblems } from './dashboard-layout.js';

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

// Open deals now (pipeline, stuck-deals), a quota period (quota-attainment), the months ahead
// (forecast); pipeline-flow ends at asOf (now) when the period runs past it.
const OWN_WINDOW = ['pipeline', 'quota-attainment', 'forecast', 'stuck-deals', 'pipeline-flow'];

const run = browserAvailable || browserRequired ? describe : describe.skip;
if (!browserAvailable && !browserRequired)
  console.warn(`dashboard browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

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

  const command = async (method: string, path: string, body?: Json): Promise<void> => {
    const response = await fetch(`${engine.url}/v1/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${KEYS.service}`,
        'content-type': 'application/json',
        'x-actor-id': 'auditor-walk',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect({ path, status: response.status }).toEqual({ path, status: 201 });
  };

  // A deal with a story worth auditing: moved back, an activity, reassigned, amount and date changed.
  async function writeAuditedDeal(dealId: string): Promise<void> {
    await command('PUT', 'pipelines/audit-walk', {
      name: 'Audit walk',
      stages: [
        { id: 'discovery', name: 'Discovery', probability: 0.1 },
        { id: 'demo', name: 'Demo', probability: 0.3 },
        { id: 'proposal', name: 'Proposal', probability: 0.6 },
      ],
    });
    await command('POST', 'deals', {
      dealId,
      title: `Audited ${dealId}`,
      accountId: `acct-${dealId}`,
      ownerId: 'rep-ann',
      amount: 48000.5,
      pipelineId: 'audit-walk',
      expectedCloseDate: '2026-12-31',
    });
    await command('POST', `deals/${dealId}/stage`, { stageId: 'proposal' });
    await command('POST', `deals/${dealId}/stage`, { stageId: 'demo' });
    await command('POST', `deals/${dealId}/activities`, { type: 'demo', performedBy: 'se-bo' });
    await command('POST', `deals/${dealId}/owner`, { ownerId: 'rep-cy' });
    await command('PATCH', `deals/${dealId}`, { amount: 45000, expectedCloseDate: '2027-01-31' });
  }

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
      if (pipeline)
        expect({ panel, scope }).toEqual({ panel, scope: expect.stringContaining(`(${pipeline})`) });
      else if (!NO_PIPELINE.includes(panel))
        expect({ panel, scope }).toEqual({ panel, scope: 'Every pipeline' });
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
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
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
    // The browser logs the refused request (401) as a console error: that one is expected.
    expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 401')]);
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
    // Our own descriptions, not the chart library's automatic text ("the data for ads is 11, 0, …").
    for (const chart of charts) expect(chart.label).not.toMatch(/the data for|this is a .*chart/i);
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
    // Stages by their names in each deal's pipeline, newest deals first.
    const rows = await page.$$eval('table[data-table="deals"] tbody tr', (trs) =>
      trs.map((tr) => ({
        stageId: JSON.parse(tr.children[2].getAttribute('data-value')!) as string,
        stage: tr.children[2].textContent,
        openedAt: JSON.parse(tr.children[5].getAttribute('data-value')!) as string,
      })),
    );
    for (const row of rows) expect(row.stage).not.toBe(row.stageId);
    const opened = rows.map((r) => r.openedAt);
    expect(opened).toEqual([...opened].sort().reverse());
  });

  it("shows an auditor a deal's history as sentences and field changes, every chain link verified", async () => {
    await writeAuditedDeal('deal-audit');
    await signIn(KEYS.auditor);
    expect(await page.textContent('main')).toContain('Reports need an analyst or admin key');
    await page.fill('#find-deal-id', 'deal-audit');
    await page.press('#find-deal-id', 'Enter');
    await ready();
    const history = (await api('deals/deal-audit/history', KEYS.auditor)) as unknown as Json[];
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
    const text = (await page.textContent('table[data-table="history"]'))!.replace(/\s+/g, ' ');
    for (const phrase of [
      'Moved back from Proposal to Demo',
      'stage Proposal → Demo',
      'Reassigned from rep-ann to rep-cy',
      'owner rep-ann → rep-cy',
      'amount 48,000.50 → 45,000.00',
      'expected close 2026-12-31 → 2027-01-31',
      'demo by se-bo',
    ])
      expect({ phrase, found: text.includes(phrase) }).toEqual({ phrase, found: true });
    // By whom: the key and the person it acted for, on every event.
    const by = await page.$$eval('table[data-table="history"] tbody tr', (rows) =>
      rows.map((row) => [row.children[4].textContent, row.children[5].textContent]),
    );
    expect(new Set(by.map((b) => b.join('/')))).toEqual(new Set(['service-key/auditor-walk']));
    // Every link verified, as the verify endpoint says.
    expect(await api('audit/verify?stream=deal-deal-audit', KEYS.auditor)).toMatchObject({ ok: true });
    const links = await page.$$eval('[data-link]', (cells) => cells.map((c) => c.getAttribute('data-link')));
    expect(links).toEqual(history.map(() => 'verified'));
    expect(await page.getAttribute('[data-chain]', 'data-chain')).toBe('ok');
    // The raw event one click away.
    const raw = page.locator('table[data-table="history"] tbody tr').first().locator('details');
    expect(await raw.locator('pre').isVisible()).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.locator('pre').textContent()).toContain('"amountMinor": 4800050');
    // Activities on the stage timeline.
    expect(await page.getAttribute('.timeline', 'aria-label')).toContain('Activities: demo');
    await page.screenshot({ path: join(ARTIFACTS, 'deal-audit.png'), fullPage: true });
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
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('checks every panel at laptop and tablet width: no hidden overflow, no overlapping labels', async () => {
    await signIn(KEYS.analyst);
    for (const [pipeline, query] of [
      ['every', '?period=last-12-months'],
      ['enterprise', '?period=last-12-months&pipelineId=enterprise'],
    ] as const)
      for (const [name, viewport] of [
        ['laptop', { width: 1366, height: 768 }],
        ['tablet', { width: 768, height: 1024 }],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`${engine.url}/${query}`);
        await ready();
        await page.waitForTimeout(300); // the charts redraw at the new width
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect({ name, pipeline, overflow }).toEqual({ name, pipeline, overflow: 0 });
        const problems = await page.evaluate(layoutProblems);
        expect({ name, pipeline, problems }).toEqual({ name, pipeline, problems: [] });
        // Every column of the transition heatmap is named.
        const heat = await page.$$eval('[data-panel="stage-velocity"] .chart-tall svg text', (texts) =>
          texts.map((t) => t.textContent),
        );
        const stages = await page.$$eval(
          '[data-panel="stage-velocity"] table[data-table="stages"] tbody th',
          (cells) => cells.map((c) => c.textContent),
        );
        for (const label of [...stages, 'won', 'lost'])
          expect({ label, shown: heat.includes(label) }).toEqual({ label, shown: true });
        // Amounts name their currency.
        expect(await page.textContent('[data-panel="win-rate"]')).toContain('(CNY)');
        for (const panel of PANELS)
          await page
            .locator(`[data-panel="${panel}"]`)
            .screenshot({ path: join(ARTIFACTS, `${name}-${pipeline}-${panel}.png`) });
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${pipeline}.png`), fullPage: true });
      }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows the broken link where one byte of the store was changed', async () => {
    await writeAuditedDeal('deal-tamper');
    const file = join(data.dir, 'events.db');
    const db = new Database(file);
    try {
      const { data: stored } = db
        .prepare('SELECT data FROM events WHERE stream = ? AND version = ?')
        .get('deal-deal-tamper', 3) as { data: string };
      const edited = stored.replace(/\d/, (d) => String((Number(d) + 1) % 10));
      expect(edited.length).toBe(stored.length);
      const changed = db
        .prepare('UPDATE events SET data = ? WHERE stream = ? AND version = ?')
        .run(edited, 'deal-deal-tamper', 3).changes;
      expect(changed).toBe(1);
    } finally {
      db.close();
    }
    expect(await api('audit/verify?stream=deal-deal-tamper', KEYS.auditor)).toMatchObject({
      ok: false,
      firstBroken: { revision: 3, reason: 'hash mismatch' },
    });
    await signIn(KEYS.auditor);
    await page.fill('#find-deal-id', 'deal-tamper');
    await page.press('#find-deal-id', 'Enter');
    await ready();
    const links = await page.$$eval('table[data-table="history"] tbody tr', (rows) =>
      rows.map((row) => [
        JSON.parse(row.children[0].getAttribute('data-value')!) as number,
        row.querySelector('[data-link]')!.getAttribute('data-link'),
      ]),
    );
    expect(links).toEqual([
      [1, 'verified'],
      [2, 'verified'],
      [3, 'broken'],
      ...links.slice(3).map(([revision]) => [revision, 'after-break']),
    ]);
    expect(links.length).toBe(6);
    expect(await page.getAttribute('[data-chain]', 'data-chain')).toBe('broken');
    expect(await page.textContent('[data-chain]')).toContain('#3');
    await page.screenshot({ path: join(ARTIFACTS, 'deal-tampered.png'), fullPage: true });
  });
});
