// Full rebuild of every projection from a 1M-event history on the embedded stores, every document's
// versions included, against the raw scan-and-parse rate of the same log and the SQLite write floor
// of the same documents, both measured in the same run. Each rebuild runs in a fresh child process
// that opens only the log, as a projector worker would, so that its peak memory is the rebuild's
// own, not that of the process that generated and appended the history. With MONGODB_URL set, one
// more rebuild into that MongoDB; the embedded FerretDB of test/ferretdb serves as one:
//   test/ferretdb/bin/ferretdb-embedded -dir "$(mktemp -d)" -port 0   # prints: ready <url> …
//   MONGODB_URL=<url> node test/bench/run.mjs rebuild
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../../dist/libs/event-store/src/index.js';
import { SqliteReadStore, MongoReadStore } from '../../dist/libs/read-store/src/index.js';
import { ALL_PROJECTIONS, ProjectionEngine } from '../../dist/libs/projections/src/index.js';
import { createTableSql, configure } from '../../dist/libs/read-store/src/sqlite/sqlite-read-store-schema.js';
import { appendHistory, salesHistory } from '../../dist/libs/testing/src/sales-history.js';
import { median } from './stats.mjs';

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FLOOR_RATIO_TARGET = 0.5;
const PEAK_RSS_TARGET_MIB = 1024;

async function makeLog(dir) {
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const deals = Math.round(TARGET_EVENTS / 7);
  const history = salesHistory({ deals, seed: 7 });
  const count = await appendHistory(store, history);
  await store.close();
  return count;
}

async function scanAndParse(store) {
  const started = performance.now();
  let after = null;
  let n = 0;
  for (;;) {
    const page = await store.readAll(after, 5000);
    if (page.length === 0) break;
    n += page.length;
    after = page[page.length - 1].position;
  }
  return n / ((performance.now() - started) / 1000);
}

async function rebuildAll(events, reads) {
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, reads);
  const head = await events.headPosition();
  const started = performance.now();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  await engine.start();
  await engine.waitFor(
    head,
    ALL_PROJECTIONS.map((p) => p.name),
    3_600_000,
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await engine.stop();
  const maxRss = process.resourceUsage().maxRSS * 1024; // the process's peak, in bytes
  return { seconds, peakRssMiB: Math.round(Math.max(peak, maxRss) / 1048576) };
}

// In a child: `--rebuild <dir> <sqlite read-store file | mongodb url>`.
async function rebuildChild(dir, target) {
  const events = new SqliteEventStore(join(dir, 'events.db'));
  const reads = target.startsWith('mongodb')
    ? await MongoReadStore.connect(target, `bench${Date.now()}`)
    : new SqliteReadStore(target);
  try {
    return await rebuildAll(events, reads);
  } finally {
    await reads.close();
    await events.close();
  }
}

function rebuildInChild(dir, target) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rebuild', dir, target], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`the rebuild child failed (${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

// The floor of any rebuild into the embedded read store: SQLite alone copying the rebuilt
// documents (every serving generation's rows, as stored) into a fresh file with the same pragmas,
// then building the same indexes — no log to read, no projection code, no JSON made or parsed.
function sqliteWriteFloor(readFile) {
  const file = join(dirname(readFile), 'floor.db');
  const db = new Database(file);
  configure(db);
  db.prepare('ATTACH ? AS built').run(readFile);
  const tables = db
    .prepare(
      `SELECT t.table_name AS name FROM built.read_store_tables t JOIN built.read_store_projections p
       ON p.projection = t.projection AND p.active_generation = t.generation`,
    )
    .all()
    .map((row) => row.name);
  const indexes = db
    .prepare("SELECT tbl_name AS name, sql FROM built.sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all()
    .filter((index) => tables.includes(index.name));
  const started = performance.now();
  let rows = 0;
  db.transaction(() => {
    for (const table of tables) {
      db.exec(createTableSql(table));
      rows += db.prepare(`INSERT INTO main."${table}" SELECT * FROM built."${table}"`).run().changes;
    }
  })();
  const copied = performance.now();
  for (const index of indexes) db.exec(index.sql);
  const done = performance.now();
  db.close();
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  return {
    documents: rows,
    indexes: indexes.length,
    copySeconds: +((copied - started) / 1000).toFixed(2),
    indexSeconds: +((done - copied) / 1000).toFixed(2),
    seconds: +((done - started) / 1000).toFixed(2),
  };
}

export async function benchRebuild({ runs = RUNS } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sales-bench-rebuild-'));
  try {
    const count = await makeLog(dir);
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const scans = [];
    const rebuilds = [];
    const floors = [];
    for (let i = 0; i < runs; i++) {
      scans.push(await scanAndParse(store));
      const readFile = join(dir, `read-${i}.db`);
      rebuilds.push(rebuildInChild(dir, readFile));
      floors.push(sqliteWriteFloor(readFile));
      rmSync(readFile, { force: true });
    }
    const rate = median(rebuilds.map((r) => count / r.seconds));
    const scan = median(scans);
    const result = {
      name: `rebuild of all ${ALL_PROJECTIONS.length} projections from ${count} events (embedded SQLite)`,
      events: count,
      rebuildEventsPerSecond: Math.round(rate),
      scanAndParseEventsPerSecond: Math.round(scan),
      ratioToScan: +(rate / scan).toFixed(3),
      peakRssMiB: Math.max(...rebuilds.map((r) => r.peakRssMiB)),
      runs: rebuilds.map((r) => +r.seconds.toFixed(2)),
      sqliteWriteFloor: {
        documents: floors[0].documents,
        indexes: floors[0].indexes,
        copySeconds: median(floors.map((f) => f.copySeconds)),
        indexSeconds: median(floors.map((f) => f.indexSeconds)),
        seconds: median(floors.map((f) => f.seconds)),
        eventsPerSecondAtBest: Math.round(count / median(floors.map((f) => f.seconds))),
        runs: floors.map((f) => f.seconds),
      },
    };
    const floorRate = result.sqliteWriteFloor.eventsPerSecondAtBest;
    result.ratioToWriteFloor = +(rate / floorRate).toFixed(3);
    result.goals = {
      writeFloor: `≥ ${FLOOR_RATIO_TARGET}× the SQLite write floor: ${rate >= FLOOR_RATIO_TARGET * floorRate ? 'pass' : 'FAIL'}`,
      peakRss: `< ${PEAK_RSS_TARGET_MIB} MiB: ${result.peakRssMiB < PEAK_RSS_TARGET_MIB ? 'pass' : 'FAIL'}`,
    };
    if (process.env.MONGODB_URL) {
      const r = rebuildInChild(dir, process.env.MONGODB_URL);
      result.mongo = {
        url: process.env.MONGODB_URL.replace(/\/\/[^@/]*@/, '//'),
        eventsPerSecond: Math.round(count / r.seconds),
        seconds: +r.seconds.toFixed(1),
        peakRssMiB: r.peakRssMiB,
        ratioToSqliteRebuild: +(count / r.seconds / rate).toFixed(3),
      };
    }
    await store.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--rebuild') {
  console.log(JSON.stringify(await rebuildChild(process.argv[3], process.argv[4])));
}
