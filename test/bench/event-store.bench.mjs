// In-process appends of 1-event commands with optimistic concurrency (read version, append at it),
// 50 concurrent writers, on the embedded SQLite store with group commit vs one commit per command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../dist/libs/event-store/src/index.js';
import { migrate, PRAGMAS } from '../../dist/libs/event-store/src/sqlite/sqlite-schema.js';
import { median } from './stats.mjs';

const metadata = () => ({
  recordedAt: new Date().toISOString(),
  commandId: randomUUID(),
  correlationId: 'bench',
  causationId: 'bench',
  actorId: 'bench',
  principal: 'bench',
  schemaVersion: 1,
});

async function run({ groupCommit, events, concurrency }) {
  const dir = mkdtempSync(join(tmpdir(), 'sales-bench-'));
  const store = new SqliteEventStore(join(dir, 'events.db'), { groupCommit });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (;;) {
        const n = next++;
        if (n >= events) return;
        const stream = `deal-w${w}-${n % 100}`;
        const { version } = await store.readStream(stream, { backwards: true, limit: 1 });
        await store.append(
          stream,
          [
            {
              id: randomUUID(),
              type: 'ActivityLogged',
              data: { n, type: 'call', occurredAt: new Date().toISOString() },
              metadata: metadata(),
            },
          ],
          version,
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return events / seconds;
}

// The ceiling for this workload: the same table and pragmas, rows of the same size on the same
// 5000 streams, inserted by a plain loop in transactions of 50 (what 50 concurrent writers can
// share), with nothing else around it — no concurrency check, hashing, thread or promise.
function sqliteCeiling({ events = 60_000, batch = 50 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sales-bench-'));
  const db = new Database(join(dir, 'events.db'));
  for (const pragma of PRAGMAS) db.pragma(pragma);
  migrate(db);
  const insert = db.prepare(
    'INSERT INTO events (stream, version, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const versions = new Map();
  const hash = 'f'.repeat(64);
  const commitBatch = db.transaction((first) => {
    for (let n = first; n < first + batch; n++) {
      const stream = `deal-w${n % 50}-${Math.floor(n / 50) % 100}`;
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      const data = JSON.stringify({ n, type: 'call', occurredAt: new Date().toISOString() });
      const stored = JSON.stringify({ ...metadata(), prevHash: hash, hash });
      insert.run(stream, version, randomUUID(), 'ActivityLogged', data, stored);
    }
  });
  const started = performance.now();
  for (let n = 0; n < events; n += batch) commitBatch(n);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return events / seconds;
}

export async function benchEventStore({ runs = 3, concurrency = 50 } = {}) {
  const grouped = [];
  const single = [];
  const ceiling = [];
  for (let i = 0; i < runs; i++) {
    grouped.push(await run({ groupCommit: true, events: 60_000, concurrency }));
    single.push(await run({ groupCommit: false, events: 3_000, concurrency }));
    ceiling.push(sqliteCeiling());
  }
  const g = median(grouped);
  const s = median(single);
  return {
    name: 'event store (embedded SQLite, synchronous=FULL), 1-event appends, 50 concurrent',
    groupCommitEventsPerSecond: Math.round(g),
    commitPerCommandEventsPerSecond: Math.round(s),
    ratio: +(g / s).toFixed(1),
    plainSqliteLoopEventsPerSecond: Math.round(median(ceiling)),
    ratioToPlainSqliteLoop: +(g / median(ceiling)).toFixed(2),
    runs: {
      grouped: grouped.map(Math.round),
      single: single.map(Math.round),
      ceiling: ceiling.map(Math.round),
    },
  };
}
