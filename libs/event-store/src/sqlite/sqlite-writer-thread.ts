import type BetterSqlite3 from 'better-sqlite3';
import type { MessagePort } from 'node:worker_threads';

export type WriterData = { driver: string; file: string; pragmas: string[]; maxTips: number };
// An event as the caller's thread prepared it: [id, type, data (JSON), metadata (JSON up to where
// the chain members go: `{…,` or `{`), and the hash template's head, mid and tail (hash-template.ts)].
export type WireEvent = [string, string, string, string, string, string, string];
// [stream, expected version (-1: any), events]
export type WireAppend = [string, number, WireEvent[]];
export type WriterRequest = { appends: WireAppend[] } | { close: true };
// Two numbers per append: [version, position], or [actual version, -1] for a version conflict.
export type WriterReply = { results: number[] } | { error: string; code?: string } | { closed: true };

type Tip = { version: number; hash: string | null };

// The event store's writer: its own connection, on its own thread, so that inserting, hashing and
// the commit's fsync overlap the caller's work. Each message is one batch, committed in one
// transaction (group commit) before its reply. Its source is evaluated in the worker (`eval`), so it
// uses nothing from this module's scope, only what `load` (the worker's require) gives it.
//
// Each stream's tip (version and last hash) is kept here after a commit instead of being read back
// for every append. Another process may have appended since: a stale tip either disagrees with the
// expected version (then it is read again, and only the stored tip can refuse) or names a version
// that is already taken (the UNIQUE (stream, version) index refuses the insert, the tip is read
// again and the append retried on it), so nothing is ever chained onto a stale hash.
export function sqliteWriterThread(load: (id: string) => unknown): void {
  const { parentPort, workerData } = load('node:worker_threads') as {
    parentPort: MessagePort;
    workerData: WriterData;
  };
  const { hash: oneShotHash } = load('node:crypto') as typeof import('node:crypto');
  const Database = load(workerData.driver) as typeof BetterSqlite3;
  const db = new Database(workerData.file);
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  const storedTip = db.prepare<[string], { version: number; hash: unknown }>(
    "SELECT version, json_extract(metadata, '$.hash') AS hash FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1",
  );
  const insert = db.prepare(
    'INSERT INTO events (stream, version, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tips = new Map<string, Tip>();
  const remember = (stream: string, tip: Tip) => {
    tips.delete(stream);
    tips.set(stream, tip);
    if (tips.size > workerData.maxTips) tips.delete(tips.keys().next().value as string);
  };
  const readTip = (stream: string): Tip => {
    const row = storedTip.get(stream);
    return { version: row?.version ?? 0, hash: typeof row?.hash === 'string' ? row.hash : null };
  };

  const insertEvents = (stream: string, events: WireEvent[], tip: Tip) => {
    let { version, hash: prevHash } = tip;
    let position = 0;
    for (const [id, type, data, metadata, head, mid, tail] of events) {
      // As filledHashInput does (hash-template.ts); a hash is hex, so its JSON needs no escaping.
      const link = prevHash === null ? 'null' : `"${prevHash}"`;
      const hash = oneShotHash('sha256', head + link + mid + link + tail, 'hex');
      version += 1;
      const stored = `${metadata}"prevHash":${link},"hash":"${hash}"}`;
      position = Number(insert.run(stream, version, id, type, data, stored).lastInsertRowid);
      prevHash = hash;
    }
    return { tip: { version, hash: prevHash }, position };
  };
  // Called inside the batch's transaction: a savepoint, so a multi-event append goes in whole or not at all.
  const insertAllOrNone = db.transaction(insertEvents);
  const taken = (error: unknown) =>
    ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(
      (error as { code?: string }).code ?? '',
    );

  // `written`: the tips as this transaction leaves them (read in it or written by it).
  const appendOne = (
    [stream, expected, events]: WireAppend,
    written: Map<string, Tip>,
    results: number[],
  ) => {
    let tip = written.get(stream);
    let current = tip !== undefined;
    if (!tip) tip = tips.get(stream);
    if (!tip) {
      tip = readTip(stream);
      current = true;
    }
    for (;;) {
      if (expected !== -1 && expected !== tip.version) {
        if (current) {
          written.set(stream, tip);
          results.push(tip.version, -1);
          return;
        }
      } else {
        try {
          const inserted = (events.length > 1 ? insertAllOrNone : insertEvents)(stream, events, tip);
          written.set(stream, inserted.tip);
          results.push(inserted.tip.version, inserted.position);
          return;
        } catch (error) {
          if (current || !taken(error)) throw error;
        }
      }
      tip = readTip(stream);
      current = true;
    }
  };

  const commitBatch = db.transaction((appends: WireAppend[], written: Map<string, Tip>) => {
    const results: number[] = [];
    for (const append of appends) appendOne(append, written, results);
    return results;
  });

  parentPort.on('message', (request: WriterRequest) => {
    if ('close' in request) {
      db.close();
      parentPort.postMessage({ closed: true } satisfies WriterReply);
      parentPort.close();
      return;
    }
    const written = new Map<string, Tip>();
    let reply: WriterReply;
    try {
      reply = { results: commitBatch.immediate(request.appends, written) };
      // Only committed tips are kept: a rolled-back batch leaves the cache as it was.
      for (const [stream, tip] of written) remember(stream, tip);
    } catch (error) {
      reply = {
        error: error instanceof Error ? error.message : String(error),
        code: (error as { code?: string }).code,
      };
    }
    parentPort.postMessage(reply);
  });
}
