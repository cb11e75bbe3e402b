import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppendNotifier } from '../append-notifier.js';
import { catchUp } from '../catch-up.js';
import {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamFilter,
  VersionConflictError,
} from '../event-store.port.js';
import { chainEvents } from '../hash-chain.js';
import { GroupCommit, Pending } from './group-commit.js';
import { configure, migrate } from './sqlite-schema.js';
import { Row, StreamReads } from './stream-reads.js';

type AppendRequest = { stream: string; events: NewEvent[]; expectedVersion: ExpectedVersion };

// Metadata is parsed when first read: projections, the bulk of all reads, never look at it.
const toRecorded = (row: Row): RecordedEvent => {
  let metadata: RecordedEvent['metadata'] | undefined;
  return {
    id: row.id,
    stream: row.stream,
    version: row.version,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data),
    get metadata() {
      return (metadata ??= JSON.parse(row.metadata));
    },
  };
};

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly notifier = new AppendNotifier();
  private readonly groupCommit: GroupCommit<AppendRequest, AppendResult>;
  private readonly statements;
  private readonly streamReads: StreamReads;

  // groupCommit: false commits every append on its own (one fsync each): only for comparison.
  constructor(file: string, options: { groupCommit?: boolean } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    configure(this.db);
    migrate(this.db);
    const db = this.db;
    this.statements = {
      version: db.prepare<[string], { version: number }>(
        'SELECT max(version) AS version FROM events WHERE stream = ?',
      ),
      // The chain's tip, read in the append's transaction, beside the version check.
      tip: db.prepare<[string], { version: number; hash: unknown }>(
        "SELECT version, json_extract(metadata, '$.hash') AS hash FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1",
      ),
      insert: db.prepare(
        'INSERT INTO events (stream, version, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      all: db.prepare<[number, number], Row>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    };
    this.streamReads = new StreamReads(db);
    this.groupCommit = new GroupCommit(
      (batch) => this.commitBatch(batch),
      options.groupCommit === false ? 1 : 1000,
    );
  }

  append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.groupCommit.submit({ stream, events, expectedVersion });
  }

  private commitBatch(batch: Pending<AppendRequest, AppendResult>[]): void {
    const outcomes: (() => void)[] = [];
    this.db
      .transaction(() => {
        for (const pending of batch) {
          const { stream, events, expectedVersion } = pending.request;
          const tip = this.statements.tip.get(stream);
          const current = tip?.version ?? 0;
          if (expectedVersion !== 'any' && expectedVersion !== current) {
            const conflict = new VersionConflictError(stream, expectedVersion, current);
            outcomes.push(() => pending.reject(conflict));
            continue;
          }
          // Serialized before the first insert: an event that is no JSON refuses its own append only.
          let rows: [string, string, string, string][];
          try {
            const prevHash = typeof tip?.hash === 'string' ? tip.hash : null;
            rows = chainEvents(events, prevHash).map((e) => [
              e.id,
              e.type,
              JSON.stringify(e.data),
              JSON.stringify(e.metadata),
            ]);
          } catch (error) {
            outcomes.push(() => pending.reject(error));
            continue;
          }
          let position = 0;
          rows.forEach(([id, type, data, metadata], i) => {
            const info = this.statements.insert.run(stream, current + i + 1, id, type, data, metadata);
            position = Number(info.lastInsertRowid);
          });
          const result = { version: current + events.length, position };
          outcomes.push(() => pending.resolve(result));
        }
      })
      .immediate();
    // Only after COMMIT returned (and fsync'd) is anything acknowledged.
    for (const settle of outcomes) settle();
    this.notifier.notify();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}) {
    const rows = this.streamReads.rows(stream, options);
    return { events: rows.map(toRecorded), version: this.versionAfterRead(stream, rows, options) };
  }

  // The rows often tell the stream's version already; only ask again when they cannot.
  private versionAfterRead(stream: string, rows: Row[], options: ReadStreamOptions): number {
    const unbounded = options.limit === undefined;
    if (options.backwards && options.fromVersion === undefined) return rows[0]?.version ?? 0;
    if (!options.backwards && unbounded && rows.length > 0) return rows[rows.length - 1].version;
    if (!options.backwards && unbounded && (options.fromVersion ?? 1) === 1) return 0;
    return this.statements.version.get(stream)?.version ?? 0;
  }

  async readAll(after: Position | null, limit: number, filter?: StreamFilter): Promise<RecordedEvent[]> {
    if (!filter) return this.statements.all.all(after ?? 0, limit).map(toRecorded);
    if (filter.streamPrefixes.length === 0) return [];
    const prefixes = filter.streamPrefixes;
    const clause = prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ');
    const args = prefixes.flatMap((p) => [p.length, p]);
    const rows = this.db
      .prepare<unknown[], Row>(
        `SELECT * FROM events WHERE position > ? AND (${clause}) ORDER BY position LIMIT ?`,
      )
      .all(after ?? 0, ...args, limit);
    return rows.map(toRecorded);
  }

  subscribe(after: Position | null, filter: StreamFilter, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return catchUp((a, l, f) => this.readAll(a, l, f), this.notifier, after, filter, signal);
  }

  async headPosition(): Promise<Position | null> {
    return this.statements.head.get()?.position ?? null;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
