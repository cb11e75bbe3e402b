import type { Database } from 'better-sqlite3';

// position is the rowid: global, dense and strictly increasing; nothing is ever deleted.
export function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY,
      stream   TEXT    NOT NULL,
      version  INTEGER NOT NULL,
      id       TEXT    NOT NULL,
      type     TEXT    NOT NULL,
      data     TEXT    NOT NULL,
      metadata TEXT    NOT NULL,
      UNIQUE (stream, version)
    );
  `);
}

export const PRAGMAS = [
  'journal_mode = WAL',
  // FULL: a commit is on disk before its append resolves, so nothing acknowledged is lost in a crash.
  'synchronous = FULL',
  'busy_timeout = 5000',
  'cache_size = -65536',
  // Fewer, larger checkpoints: each one fsyncs the database file as well as the log.
  'wal_autocheckpoint = 8192',
];

export function configure(db: Database): void {
  for (const pragma of PRAGMAS) db.pragma(pragma);
}
