// Every report over a 90-day window on the embedded stores (SQLite event store + SQLite read models,
// as `npm start` runs them), on a 1M-event history and on a 100k-event one of the same density (the
// same sales team, 10 times longer), so that the two windows hold about as many facts and any
// difference comes from the size of the history alone: live, then as of past dates (read from the
// versions the projections keep beside every document, no replay), one report at a time and all of
// them at once as the dashboard asks, with the process's resident memory meanwhile. The history is
// decided by the real deciders and appended in large batches straight to the event store
// (benchmark only: the product's write path is the API), then the ProjectionEngine builds the read
// models. `BENCH_EVENTS` scales the large history, `BENCH_SMALL_EVENTS` the small one.
//
// The five newer reports (slippage, stuck-deals, customer-value, pipeline-flow, forecast-accuracy)
// are also measured live on a third, 10k-event history of the same density (`BENCH_TINY_EVENTS`):
// their goal compares the large history's p95 with that one (`ratioToTiny`), while `ratioToSmall`
// compares it with the small history, as for every report. The 10k history spans 120 days: a
// stuck-deals report there judges by the visits of those 120 days, where on the others it reads
// those of its whole 365-day lookback, about 4× as many (`windowFacts` counts neither).
//
// stuck-deals learns its thresholds from the visits of its lookback (365 days by default), not from
// a window: it is measured with that default and, as `stuck-deals (90-day lookback)`, with the
// 90-day window the others use, over which all three histories hold as many visits.
//
// `BENCH_KEEP=<dir>` keeps the built histories in <dir>/<events> and reuses them in later runs
// (built anew only where the folder holds none); the indexes the projections declare now are
// created on them before measuring. Removing a folder's setup.json and read-models.db* makes the
// next run build only the read models again, from the event log kept there (events.json marks a
// log written to the end), for a change to the projections or their indexes. Without BENCH_KEEP
// each run builds its histories in temporary folders and removes them.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../../dist/libs/event-store/src/index.js';
import { SqliteReadStore } from '../../dist/libs/read-store/src/index.js';
import { ALL_PROJECTIONS, ProjectionEngine, storedIndexes } from '../../dist/libs/projections/src/index.js';
import { demoHistory, historyEvents, REPORT_NAMES } from '../../dist/libs/reports/src/index.js';
import { ReportRunner } from '../../dist/libs/query/src/index.js';
import { median } from './stats.mjs';

const DAY = 86_400_000;
const END = '2026-06-30T00:00:00.000Z';
// 10 000 events take 120 days of this team's work; the large history keeps that pace.
const EVENTS_PER_DAY = 10_000 / 120;
const EVENTS_PER_DEAL = 11.2;
const LARGE = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SMALL = Number(process.env.BENCH_SMALL_EVENTS ?? 100_000);
const TINY = Number(process.env.BENCH_TINY_EVENTS ?? 10_000);
const KEEP = process.env.BENCH_KEEP ?? null;
const NEWER_REPORTS = new Set([
  'slippage',
  'stuck-deals',
  'customer-value',
  'pipeline-flow',
  'forecast-accuracy',
]);
const STUCK_90 = 'stuck-deals (90-day lookback)';
// Measured live beside the reports, with the newer reports' goal.
const LIVE_VARIANTS = [STUCK_90];
const LIVE_NAMES = [...REPORT_NAMES, ...LIVE_VARIANTS];
const NEWER_LIVE = [...NEWER_REPORTS, ...LIVE_VARIANTS];
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const WARMUP = 20;
const COUNT_TARGET_MS = 5;
const PERCENTILE_TARGET_MS = 25;
const FORECAST_ACCURACY_TARGET_MS = 500;
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
  // A log written to the end before (BENCH_KEEP) is projected again as it is.
  const logFile = join(dir, 'events.json');
  const kept = existsSync(logFile) ? JSON.parse(readFileSync(logFile, 'utf8')) : null;
  if (!kept)
    for (const file of ['events.db', 'events.db-wal', 'events.db-shm'])
      rmSync(join(dir, file), { force: true });
  const store = new SqliteEventStore(join(dir, 'events.db'));
  if (!kept) await writeHistory(store, events, days);
  const written = performance.now();
  const writeSeconds = kept ? kept.writeSeconds : +((written - started) / 1000).toFixed(1);
  if (!kept) writeFileSync(logFile, JSON.stringify({ days, writeSeconds }));
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
    writeSeconds,
    projectSeconds: +((built - written) / 1000).toFixed(1),
  };
}

function buildInChild(dir, events) {
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
  return JSON.parse(child.stdout);
}

// The folder of a history and what building it took: kept ones (BENCH_KEEP) are reused.
function historyDir(events) {
  if (KEEP === null) {
    const dir = mkdtempSync(join(tmpdir(), 'sales-bench-reports-'));
    return { dir, setup: buildInChild(dir, events) };
  }
  const dir = join(KEEP, String(events));
  const setupFile = join(dir, 'setup.json');
  if (existsSync(setupFile))
    return { dir, setup: { ...JSON.parse(readFileSync(setupFile, 'utf8')), reused: true } };
  mkdirSync(dir, { recursive: true });
  for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm'])
    rmSync(join(dir, file), { force: true });
  const setup = buildInChild(dir, events);
  writeFileSync(setupFile, JSON.stringify(setup));
  return { dir, setup };
}

async function buildHistory(events) {
  const { dir, setup } = historyDir(events);
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
  // A kept history gets the indexes the projections declare now.
  for (const projection of ALL_PROJECTIONS)
    await reads.ensureGeneration(refs.get(projection.name), storedIndexes(projection));
  const live = { store: reads, serving: async (projection) => refs.get(projection) };
  return {
    dir,
    store,
    reads,
    live,
    head: await store.headPosition(),
    runner: new ReportRunner(live, () => new Date(END), { results: 0 }),
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
    knownAt: null,
    ownerId: null,
    source: null,
    pipelineId: null,
    groupBy: null,
    lookbackDays: null,
    at: null,
  };
  if (name === 'quota-attainment')
    return { name, params: { ...params, period: '2026-Q2' }, minPosition: null };
  if (name === 'pipeline') return { name, params, minPosition: null };
  if (name === STUCK_90)
    return { name: 'stuck-deals', params: { ...params, lookbackDays: 90 }, minPosition: null };
  if (name === 'forecast')
    return { name, params: { ...params, from: iso(end), to: iso(end + 90 * DAY) }, minPosition: null };
  // The forecast for the coming quarter as it stood at 12 instants of the last 90 days.
  if (name === 'forecast-accuracy') {
    const at = Array.from({ length: 12 }, (_, i) => iso(end - 90 * DAY + i * 7 * DAY));
    return { name, params: { ...params, from: iso(end), to: iso(end + 90 * DAY), at }, minPosition: null };
  }
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
      const report = await bench.runner.run(request);
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

// As of a past date, cold: every sample asks for a date no request has asked for before (and the
// runner caches no results), so nothing of an earlier read is reused. The dates step back from two
// days before the end by a little over 3 h each, so they fall inside the 90-day window and inside
// the last two months of both histories; both histories get the same dates.
const ASOF_SAMPLES = Number(process.env.BENCH_ASOF_SAMPLES ?? 30);
const ASOF_WARMUP = 5;
const ASOF_DASHBOARD_DATES = Number(process.env.BENCH_ASOF_DASHBOARD_DATES ?? 5);
const ASOF_TARGET_RATIO_TO_LIVE = 3;
const ASOF_DASHBOARD_TARGET_MS = 1000;
const ASOF_RSS_TARGET_MIB = 300;
const ASOF_TARGET_RATIO_TO_SMALL = 1.5;
const ASOF_STEP_MS = (3 * 60 * 60 + 17 * 60 + 13) * 1000 + 7;

function freshDates() {
  let n = 0;
  return () => new Date(Date.parse(END) - 2 * DAY - n++ * ASOF_STEP_MS).toISOString();
}

// As of a past date, what compares instants ends at that date: the flow's `to`, the accuracy's `at`.
const asOfRequest = (name, asOf) => {
  const request = requestFor(name);
  const params = { ...request.params, asOf };
  if (name === 'pipeline-flow') params.to = asOf;
  if (name === 'forecast-accuracy') params.at = params.at.filter((at) => at <= asOf);
  return { ...request, params };
};

const MIB = 1048576;
const mib = (bytes) => Math.round(bytes / MIB);

// The kernel's peak resident set of this process (VmHWM), which writing 5 to clear_refs resets:
// the true peak of a stretch of synchronous SQLite reads that a timer could not sample. Elsewhere
// than Linux, the peak of samples taken between reports.
function rssPeakMeter() {
  const linux = existsSync('/proc/self/clear_refs');
  let sampled = process.memoryUsage.rss();
  const sample = () => (sampled = Math.max(sampled, process.memoryUsage.rss()));
  if (linux) writeFileSync('/proc/self/clear_refs', '5');
  const timer = setInterval(sample, 10);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      if (!linux) return { peak: sampled, how: 'sampled' };
      const kib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
      return { peak: Math.max(kib * 1024, sampled), how: 'VmHWM' };
    },
  };
}

function idleRss() {
  globalThis.gc?.();
  globalThis.gc?.();
  return { rss: process.memoryUsage.rss(), afterGc: typeof globalThis.gc === 'function' };
}

// One report per sample, each at a fresh date, with no results cache: p95 of the samples.
async function measureAsOf(bench, name, nextDate, meter) {
  const times = [];
  for (let i = 0; i < ASOF_SAMPLES + ASOF_WARMUP; i++) {
    const request = asOfRequest(name, nextDate());
    const started = performance.now();
    await bench.runner.run(request);
    if (i >= ASOF_WARMUP) times.push(performance.now() - started);
    meter.sample();
  }
  return { p95: p95(times), median: median(times) };
}

// Every report as of one fresh date at once, as the dashboard asks for them: the median over a few
// dates of the time until the last one is back.
async function measureDashboardAsOf(bench, nextDate, meter) {
  const times = [];
  for (let i = 0; i < ASOF_DASHBOARD_DATES + 1; i++) {
    const asOf = nextDate();
    const started = performance.now();
    await Promise.all(REPORT_NAMES.map((name) => bench.runner.run(asOfRequest(name, asOf))));
    if (i > 0) times.push(performance.now() - started);
    meter.sample();
  }
  return { median: median(times), runs: times.map((t) => +t.toFixed(1)) };
}

async function asOfTimes(bench) {
  const nextDate = freshDates();
  const idle = idleRss();
  const meter = rssPeakMeter();
  const reports = {};
  for (const name of REPORT_NAMES) reports[name] = await measureAsOf(bench, name, nextDate, meter);
  const dashboard = await measureDashboardAsOf(bench, nextDate, meter);
  const peak = meter.stop();
  return { reports, dashboard, idleRss: idle, peakRss: peak };
}

async function close(bench) {
  await bench.reads.close();
  await bench.store.close();
  if (KEEP === null) rmSync(bench.dir, { recursive: true, force: true });
}

const pass = (ok) => (ok ? 'pass' : 'FAIL');
const ms = (t) => +t.toFixed(2);

async function measureHistory(events) {
  const bench = await buildHistory(events);
  const live = {};
  for (const name of LIVE_NAMES) live[name] = await measure(bench, name);
  const asOf = await asOfTimes(bench);
  await close(bench);
  return { events: bench.head, setup: bench.setup, live, asOf };
}

// The newer reports live on the tiny history, for their goal of ≤ 2× that figure.
async function measureTinyHistory(events) {
  const bench = await buildHistory(events);
  const live = {};
  for (const name of NEWER_LIVE) live[name] = await measure(bench, name);
  await close(bench);
  return { events: bench.head, setup: bench.setup, live };
}

export async function benchReports() {
  const tiny = await measureTinyHistory(TINY);
  const small = await measureHistory(SMALL);
  const large = await measureHistory(LARGE);
  const result = {
    name: `reports over a 90-day window: ${large.events} vs ${small.events} events of the same density (embedded SQLite); live: p95 of ${SAMPLES} runs, median of 3; as of a past date: p95 of ${ASOF_SAMPLES} cold runs, each at a fresh date, no results cache`,
    setup: {
      large: { events: large.events, ...large.setup },
      small: { events: small.events, ...small.setup },
      tiny: { events: tiny.events, ...tiny.setup },
    },
    live: {},
    asOf: {},
  };
  for (const name of LIVE_NAMES) {
    const big = large.live[name];
    const little = small.live[name];
    const target = PERCENTILE_REPORTS.has(name) ? PERCENTILE_TARGET_MS : COUNT_TARGET_MS;
    const ratio = big.p95 / little.p95;
    // The newer reports: ≤ 25 ms and ≤ 2× their figure on the 10k history (forecast-accuracy, with
    // its 12 instants: ≤ 500 ms, its ratio shown); the others ≤ 2× the small one.
    const newer = NEWER_LIVE.includes(name);
    const accuracy = name === 'forecast-accuracy';
    const ratioToTiny = newer ? big.p95 / tiny.live[name].p95 : null;
    const newerTarget = accuracy ? FORECAST_ACCURACY_TARGET_MS : PERCENTILE_TARGET_MS;
    result.live[name] = {
      p95Ms: ms(big.p95),
      p95MsSmall: ms(little.p95),
      ...(newer ? { p95MsTiny: ms(tiny.live[name].p95), ratioToTiny: +ratioToTiny.toFixed(2) } : {}),
      cpuP95Ms: ms(big.cpuP95),
      targetMs: newer ? newerTarget : target,
      ratioToSmall: +ratio.toFixed(2),
      goal: pass(
        newer ? big.p95 <= newerTarget && (accuracy || ratioToTiny <= 2) : big.p95 <= target && ratio <= 2,
      ),
      windowFacts: big.rows,
      windowFactsSmall: little.rows,
      rounds: big.rounds.map(ms),
    };
  }
  for (const name of REPORT_NAMES) {
    const cold = large.asOf.reports[name];
    const coldSmall = small.asOf.reports[name];
    const toLive = cold.p95 / large.live[name].p95;
    const toSmall = cold.p95 / coldSmall.p95;
    result.asOf[name] = {
      p95Ms: ms(cold.p95),
      medianMs: ms(cold.median),
      liveP95Ms: ms(large.live[name].p95),
      ratioToLive: +toLive.toFixed(2),
      goalToLive: `≤ ${ASOF_TARGET_RATIO_TO_LIVE}×: ${pass(toLive <= ASOF_TARGET_RATIO_TO_LIVE)}`,
      p95MsSmall: ms(coldSmall.p95),
      ratioToSmall: +toSmall.toFixed(2),
      goalToSmall: `≤ ${ASOF_TARGET_RATIO_TO_SMALL}×: ${pass(toSmall <= ASOF_TARGET_RATIO_TO_SMALL)}`,
    };
  }
  const dashboard = large.asOf.dashboard;
  result.asOfDashboard = {
    medianMs: ms(dashboard.median),
    runs: dashboard.runs,
    medianMsSmall: ms(small.asOf.dashboard.median),
    targetMs: ASOF_DASHBOARD_TARGET_MS,
    goal: pass(dashboard.median <= ASOF_DASHBOARD_TARGET_MS),
  };
  const growth = large.asOf.peakRss.peak - large.asOf.idleRss.rss;
  result.asOfMemory = {
    idleRssMiB: mib(large.asOf.idleRss.rss),
    idleAfterGc: large.asOf.idleRss.afterGc,
    peakRssMiB: mib(large.asOf.peakRss.peak),
    peakMeasuredBy: large.asOf.peakRss.how,
    aboveIdleMiB: mib(growth),
    targetMiB: ASOF_RSS_TARGET_MIB,
    goal: pass(growth <= ASOF_RSS_TARGET_MIB * MIB),
    aboveIdleMiBSmall: mib(small.asOf.peakRss.peak - small.asOf.idleRss.rss),
  };
  result.loadAverageDuringRun = loadavg().map((l) => +l.toFixed(2));
  result.goals = {
    live: pass(Object.values(result.live).every((r) => r.goal === 'pass')),
    asOfToLive: pass(Object.values(result.asOf).every((r) => r.goalToLive.endsWith('pass'))),
    asOfDashboard: result.asOfDashboard.goal,
    asOfMemory: result.asOfMemory.goal,
    asOfToSmall: pass(Object.values(result.asOf).every((r) => r.goalToSmall.endsWith('pass'))),
  };
  return result;
}

// A child, `--build <dir> <events>`, writes a history and builds its read models.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, dir, events] = process.argv.slice(2);
  const result = mode === '--build' ? await build(dir, Number(events)) : await benchReports();
  console.log(JSON.stringify(result, null, mode ? 0 : 2));
}
