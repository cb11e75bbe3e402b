// Every report over a 90-day window on the embedded stores (SQLite event store + SQLite read models,
// as `npm start` runs them), on a 1M-event history and on a 10k-event one of the same density (the
// same sales team, 100 times longer), so that the two windows hold about as many facts and any
// difference comes from the size of the history alone. Then one report as of a past date (a replay
// of the history into memory). The history is decided by the real deciders and appended in large
// batches straight to the event store (benchmark only: the product's write path is the API), then
// the ProjectionEngine builds the read models. `BENCH_EVENTS` scales the large history.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../../dist/libs/event-store/src/index.js';
import { SqliteReadStore } from '../../dist/libs/read-store/src/index.js';
import { ALL_PROJECTIONS, ProjectionEngine } from '../../dist/libs/projections/src/index.js';
import { demoHistory, historyEvents, REPORT_NAMES } from '../../dist/libs/reports/src/index.js';
import { ReportRunner } from '../../dist/libs/query/src/index.js';
import { median } from './stats.mjs';

const DAY = 86_400_000;
const END = '2026-06-30T00:00:00.000Z';
// 10 000 events take 120 days of this team's work; the large history keeps that pace.
const EVENTS_PER_DAY = 10_000 / 120;
const EVENTS_PER_DEAL = 11.2;
const LARGE = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const WARMUP = 20;
const COUNT_TARGET_MS = 5;
const PERCENTILE_TARGET_MS = 25;
const PERCENTILE_REPORTS = new Set(['stage-velocity', 'cycle-time', 'reps']);

const metadata = (at) => {
  const id = randomUUID();
  return {
    recordedAt: at,
    commandId: id,
    correlationId: id,
    causationId: id,
    actorId: null,
    principal: 'bench',
    schemaVersion: 1,
  };
};

// Decided and appended in one pass; nothing of the plan outlives it (a 1M-action plan kept alive
// would make every later GC, and so every report measured after it, slower).
async function writeHistory(store, events, days) {
  const history = demoHistory({
    deals: Math.round(events / EVENTS_PER_DEAL),
    seed: 11,
    end: END,
    days,
    even: true,
  });
  let pending = [];
  for (const append of historyEvents(history.actions, { now: END })) {
    const newEvents = append.events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: metadata(END),
    }));
    pending.push(store.append(append.stream, newEvents, 'any'));
    if (pending.length >= 5000) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
}

// Runs in a child process (`--build <dir> <events>`): the process that measures opens the stores
// as an API process would, without the generator's heap (a 1M-action plan and its garbage slowed
// every later read of the building process by up to 2×).
async function build(dir, events) {
  const started = performance.now();
  const days = Math.round(events / EVENTS_PER_DAY);
  const store = new SqliteEventStore(join(dir, 'events.db'));
  await writeHistory(store, events, days);
  const written = performance.now();
  const reads = new SqliteReadStore(join(dir, 'read-models.db'));
  const engine = new ProjectionEngine(ALL_PROJECTIONS, store, reads);
  await engine.start();
  const names = ALL_PROJECTIONS.map((p) => p.name);
  await engine.waitFor(await store.headPosition(), names, 3_600_000);
  const built = performance.now();
  await engine.stop();
  await reads.close();
  await store.close();
  return {
    days,
    writeSeconds: +((written - started) / 1000).toFixed(1),
    projectSeconds: +((built - written) / 1000).toFixed(1),
  };
}

async function buildHistory(events) {
  const dir = mkdtempSync(join(tmpdir(), 'sales-bench-reports-'));
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--build', dir, String(events)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  if (child.status !== 0) throw new Error(`building the ${events}-event history failed`);
  const setup = JSON.parse(child.stdout);
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const reads = new SqliteReadStore(join(dir, 'read-models.db'));
  // Measured alone: the reports read the generations the engine built (no engine running beside
  // them, whose heartbeat writes to the read store every second).
  const refs = new Map(
    (await reads.projections()).map((r) => [
      r.projection,
      { projection: r.projection, generation: r.activeGeneration },
    ]),
  );
  const live = { store: reads, serving: async (projection) => refs.get(projection) };
  return {
    dir,
    store,
    reads,
    live,
    head: await store.headPosition(),
    runner: new ReportRunner(store, live, () => new Date(END), { results: 0 }),
    setup,
  };
}

// The same 90-day window on both histories: the last 90 days, so that the small history has 30
// days of deals behind the window, as the large one has years (a window at the small history's
// start held 40% fewer closes than the same window of the large one: deals opened before a
// history began cannot close in it). `windowFacts` shows what each window held. The forecast
// looks 90 days ahead; the quota period is the last full quarter (inside both histories).
function requestFor(name) {
  const end = Date.parse(END);
  const iso = (t) => new Date(t).toISOString();
  const window = { from: iso(end - 90 * DAY), to: iso(end) };
  const params = {
    from: null,
    to: null,
    period: null,
    asOf: null,
    ownerId: null,
    source: null,
    pipelineId: null,
    groupBy: null,
  };
  if (name === 'quota-attainment')
    return { name, params: { ...params, period: '2026-Q2' }, minPosition: null };
  if (name === 'pipeline') return { name, params, minPosition: null };
  if (name === 'forecast')
    return { name, params: { ...params, from: iso(end), to: iso(end + 90 * DAY) }, minPosition: null };
  return { name, params: { ...params, ...window }, minPosition: null };
}

const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
};

async function measure(bench, name) {
  const request = requestFor(name);
  const rounds = [];
  const cpuRounds = [];
  let rows = null;
  for (let round = 0; round < 3; round++) {
    const times = [];
    const cpu = [];
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const report = await bench.runner.runLive(request, END);
      const { user, system } = process.cpuUsage(cpuStarted);
      if (i >= WARMUP) {
        times.push(performance.now() - started);
        cpu.push((user + system) / 1000);
      }
      rows ??= size(report);
    }
    rounds.push(p95(times));
    cpuRounds.push(p95(cpu));
  }
  return { p95: median(rounds), cpuP95: median(cpuRounds), rounds, rows };
}

// A rough size of what the window held: the largest count the report states.
function size(report) {
  let max = 0;
  const visit = (value, key) => {
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      /^(deals|captured|exits|count|won|lost|dealsOpened|total)$/.test(key)
    )
      max = Math.max(max, value);
    else if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(report, '');
  return max;
}

const AS_OF = new Date(Date.parse(END) - 365 * DAY).toISOString();
const asOfRequest = (name) => ({
  ...requestFor(name),
  params: {
    ...requestFor(name).params,
    asOf: AS_OF,
    ...(name === 'funnel' ? { from: '2025-04-01T00:00:00.000Z', to: AS_OF } : {}),
  },
});

// A funnel as of a year before the end (97% of the history replayed), then a win rate as of the
// same date (the replayed deals are reused). Runs in a fresh process (`--as-of <dir>`) as a
// server's first such request would.
async function asOfOnce(dir) {
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const runner = new ReportRunner(store, null, () => new Date(END));
  const started = performance.now();
  await runner.runAsOf(asOfRequest('funnel'), AS_OF);
  const coldMs = performance.now() - started;
  const again = performance.now();
  await runner.runAsOf(asOfRequest('win-rate'), AS_OF);
  const sameAsOfMs = performance.now() - again;
  await store.close();
  return { coldMs, sameAsOfMs };
}

// Every report as of that date at once, as the dashboard asks for them, in a fresh process: the
// replays they need are gathered into one pass over the log.
async function everyReportAsOf(dir) {
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const runner = new ReportRunner(store, null, () => new Date(END));
  const started = performance.now();
  await Promise.all(REPORT_NAMES.map((name) => runner.runAsOf(asOfRequest(name), AS_OF)));
  const ms = performance.now() - started;
  await store.close();
  return { ms };
}

async function asOfTimes(bench) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--as-of', bench.dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error('the asOf run failed');
    runs.push(JSON.parse(child.stdout));
  }
  const atOnce = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--as-of-all', bench.dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (atOnce.status !== 0) throw new Error('the every-report asOf run failed');
  // The same in this long-running process, after everything above, then every other report as of
  // that date (each replays the read models it needs that are not replayed yet).
  const runner = new ReportRunner(bench.store, bench.live, () => new Date(END));
  const started = performance.now();
  await runner.runAsOf(asOfRequest('funnel'), AS_OF);
  const inProcess = performance.now() - started;
  const all = performance.now();
  for (const name of REPORT_NAMES) await runner.runAsOf(asOfRequest(name), AS_OF);
  return {
    asOf: AS_OF,
    coldSeconds: +(median(runs.map((r) => r.coldMs)) / 1000).toFixed(2),
    runs: runs.map((r) => +(r.coldMs / 1000).toFixed(2)),
    otherReportSameAsOfMs: +median(runs.map((r) => r.sameAsOfMs)).toFixed(1),
    inLongRunningProcessSeconds: +(inProcess / 1000).toFixed(2),
    thenEveryOtherReportSeconds: +((performance.now() - all) / 1000).toFixed(2),
    everyReportAtOnceColdSeconds: +(JSON.parse(atOnce.stdout).ms / 1000).toFixed(2),
  };
}

async function close(bench) {
  await bench.reads.close();
  await bench.store.close();
  rmSync(bench.dir, { recursive: true, force: true });
}

export async function benchReports() {
  const small = await buildHistory(10_000);
  const smallTimes = {};
  for (const name of REPORT_NAMES) smallTimes[name] = await measure(small, name);
  await close(small);
  const large = await buildHistory(LARGE);
  const result = {
    name: `reports over a 90-day window: ${large.head} vs ${small.head} events of the same density (embedded SQLite), p95 of ${SAMPLES} runs, median of 3`,
    setup: { large: { events: large.head, ...large.setup }, small: { events: small.head, ...small.setup } },
    reports: {},
  };
  for (const name of REPORT_NAMES) {
    const big = await measure(large, name);
    const target = PERCENTILE_REPORTS.has(name) ? PERCENTILE_TARGET_MS : COUNT_TARGET_MS;
    const ratio = big.p95 / smallTimes[name].p95;
    result.reports[name] = {
      p95Ms: +big.p95.toFixed(2),
      p95MsSmall: +smallTimes[name].p95.toFixed(2),
      cpuP95Ms: +big.cpuP95.toFixed(2),
      cpuP95MsSmall: +smallTimes[name].cpuP95.toFixed(2),
      targetMs: target,
      ratioToSmall: +ratio.toFixed(2),
      meets: big.p95 <= target && ratio <= 2,
      windowFacts: big.rows,
      windowFactsSmall: smallTimes[name].rows,
      rounds: big.rounds.map((t) => +t.toFixed(2)),
    };
  }
  result.loadAverageDuringRun = loadavg().map((l) => +l.toFixed(2));
  result.asOf = await asOfTimes(large);
  result.asOf.meets = result.asOf.coldSeconds <= 10;
  await close(large);
  return result;
}

// Children: `--build <dir> <events>` writes a history and builds its read models; `--as-of <dir>`
// times one report as of a past date; `--as-of-all <dir>` every report as of it at once.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, dir, events] = process.argv.slice(2);
  const result =
    mode === '--build'
      ? await build(dir, Number(events))
      : mode === '--as-of'
        ? await asOfOnce(dir)
        : mode === '--as-of-all'
          ? await everyReportAsOf(dir)
          : await benchReports();
  console.log(JSON.stringify(result, null, mode ? 0 : 2));
}
