import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppendNotifier } from '../append-notifier.js';
import { catchUp } from '../catch-up.js';
import {
  AppendResult,
  EventFacts,
  EventStore,
  EventStoreUnavailableError,
  ExpectedVersion,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamFilter,
  VersionConflictError,
} from '../event-store.port.js';
import { hashTemplate } from '../hash-template.js';
import { sharedTailRead } from '../shared-tail-read.js';
import { GroupCommit, Pending } from './group-commit.js';
import { guarded, toUnavailable } from './sqlite-errors.js';
import { SqliteLogScan } from './sqlite-log-scan.js';
import { configure, migrate, PRAGMAS } from './sqlite-schema.js';
import { WireAppend, WireEvent } from './sqlite-writer-thread.js';
import { SqliteWriter } from './sqlite-writer.js';
import { Row, StreamReads } from './stream-reads.js';

const ANY = -1;

// Everything about an event that does not depend on its stream's tip, serialized here so that the
// writer thread only links, hashes and inserts. An event that is no JSON refuses its own append only.
function wireEvent(event: NewEvent): WireEvent {
  const { hash: _hash, prevHash: _prevHash, ...metadata } = event.metadata;
  const data = JSON.stringify(event.data);
  if (typeof data !== 'string') throw new TypeError(`event ${event.id}: data is not a JSON value`);
  const metadataJson = JSON.stringify(metadata);
  const { head, mid, tail } = hashTemplate(event, metadata);
  const openMetadata = metadataJson === '{}' ? '{' : `${metadataJson.slice(0, -1)},`;
  return [event.id, event.type, data, openMetadata, head, mid, tail];
}

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
  private readonly groupCommit: GroupCommit<WireAppend, AppendResult>;
  // Started by the first append: a process that only reads (a projector) runs no writer thread.
  private writer: SqliteWriter | null = null;
  private readonly file: string;
  private closed = false;
  private readonly statements;
  private readonly scan: SqliteLogScan;
  private readonly streamReads: StreamReads;
  private readonly prefixed = new Map<number, Database.Statement<unknown[], Row>>();
  private readonly tailRead = sharedTailRead((a, l, f) => this.readAll(a, l, f), this.notifier);

  // groupCommit: false commits every append on its own (one fsync each): only for comparison.
  // This connection reads; appends go to the writer thread's own connection (sqlite-writer-thread.ts).
  constructor(file: string, options: { groupCommit?: boolean } = {}) {
    if (file === ':memory:')
      throw new Error('the SQLite event store needs a file: its writer has its own connection');
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    configure(this.db);
    migrate(this.db);
    const db = this.db;
    this.statements = {
      version: db.prepare<[string], { version: number }>(
        'SELECT max(version) AS version FROM events WHERE stream = ?',
      ),
      all: db.prepare<[number, number], Row>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    };
    this.scan = new SqliteLogScan(db);
    this.streamReads = new StreamReads(db);
    this.file = file;
    this.groupCommit = new GroupCommit(
      (batch) => this.commitBatch(batch),
      options.groupCommit === false ? 1 : 1000,
    );
  }

  append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('the event store is closed'));
    let request: WireAppend;
    try {
      request = [stream, expectedVersion === 'any' ? ANY : expectedVersion, events.map(wireEvent)];
    } catch (error) {
      return Promise.reject(error);
    }
    return this.groupCommit.submit(request);
  }

  // The writer answers once the batch is committed (and fsync'd): only then is anything acknowledged.
  private async commitBatch(batch: Pending<WireAppend, AppendResult>[]): Promise<void> {
    this.writer ??= new SqliteWriter(this.file, PRAGMAS);
    const results = await this.writer
      .write(batch.map((pending) => pending.request))
      .catch((error: unknown) => Promise.reject(toUnavailable(error)));
    batch.forEach((pending, i) => {
      const [stream, expected] = pending.request;
      const version = results[2 * i];
      const position = results[2 * i + 1];
      if (position === -1) {
        pending.reject(new VersionConflictError(stream, expected === ANY ? 'any' : expected, version));
      } else {
        pending.resolve({ version, position });
      }
    });
    this.notifier.notify();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}) {
    return guarded(() => {
      const rows = this.streamReads.rows(stream, options);
      return { events: rows.map(toRecorded), version: this.versionAfterRead(stream, rows, options) };
    });
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
    return guarded(() => this.readAllRows(after, limit, filter));
  }

  private readAllRows(after: Position | null, limit: number, filter?: StreamFilter): RecordedEvent[] {
    const prefixes = filter?.streamPrefixes;
    // An empty prefix matches every stream (a live projection follows them all).
    if (!prefixes || prefixes.includes('')) return this.statements.all.all(after ?? 0, limit).map(toRecorded);
    if (prefixes.length === 0) return [];
    const args = prefixes.flatMap((p) => [p.length, p]);
    return this.prefixedReads(prefixes.length)
      .all(after ?? 0, ...args, limit)
      .map(toRecorded);
  }

  // Prepared once per number of prefixes: subscribers read every few milliseconds.
  private prefixedReads(count: number): Database.Statement<unknown[], Row> {
    let statement = this.prefixed.get(count);
    if (!statement) {
      const clause = Array.from({ length: count }, () => 'substr(stream, 1, ?) = ?').join(' OR ');
      statement = this.db.prepare<unknown[], Row>(
        `SELECT * FROM events WHERE position > ? AND (${clause}) ORDER BY position LIMIT ?`,
      );
      this.prefixed.set(count, statement);
    }
    return statement;
  }

  async readFacts(after: Position | null, limit: number, filter?: StreamFilter): Promise<EventFacts[]> {
    return guarded(() => this.scan.facts(after, limit, filter));
  }

  /**
   * Another connection to this file appended (the writer of another thread of this process, which
   * says so): subscribers read now instead of at their next poll.
   */
  appendedElsewhere(): void {
    this.notifier.notify();
  }

  subscribe(after: Position | null, filter: StreamFilter, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return catchUp(this.tailRead, this.notifier, after, filter, signal);
  }

  async headPosition(): Promise<Position | null> {
    return guarded(() => this.statements.head.get()?.position ?? null);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.groupCommit.idle();
    await this.writer?.close();
    if (this.db.open) this.db.close();
  }
}
