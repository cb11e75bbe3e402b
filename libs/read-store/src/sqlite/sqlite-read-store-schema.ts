import type { Database } from 'better-sqlite3';
import { shortHash } from '../physical-names.js';
import { IndexSpec, ProjectionRecord } from '../read-store.port.js';
import { fieldSql } from './sqlite-query.js';
import { LEASES_SQL } from './sqlite-leases.js';

export function configure(db: Database): void {
  db.pragma('journal_mode = WAL');
  // NORMAL may lose the last commits on power failure, never corrupt: read models can be rebuilt
  // from the event store, and a lost commit takes its checkpoint with it.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
}

// The registry: which table holds which (projection, generation, collection), the checkpoints,
// and the projections' serving generation and metadata.
export function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS read_store_tables (
      projection TEXT    NOT NULL,
      generation INTEGER NOT NULL,
      collection TEXT    NOT NULL,
      table_name TEXT    NOT NULL UNIQUE,
      PRIMARY KEY (projection, generation, collection)
    );
    CREATE TABLE IF NOT EXISTS read_store_checkpoints (
      projection TEXT    NOT NULL,
      generation INTEGER NOT NULL,
      position   INTEGER NOT NULL,
      PRIMARY KEY (projection, generation)
    );
    CREATE TABLE IF NOT EXISTS read_store_projections (
      projection        TEXT PRIMARY KEY,
      active_generation INTEGER,
      meta              TEXT NOT NULL DEFAULT '{}'
    );
    -- Generations dropped and not built again: their reads fail instead of answering empty.
    CREATE TABLE IF NOT EXISTS read_store_dropped (
      projection TEXT    NOT NULL,
      generation INTEGER NOT NULL,
      PRIMARY KEY (projection, generation)
    );
    ${LEASES_SQL}
  `);
}

// The registry's statements, prepared once through the statement cache.
export const SQL = {
  register: `INSERT OR IGNORE INTO read_store_tables (projection, generation, collection, table_name)
             VALUES (?, ?, ?, ?)`,
  lookup:
    'SELECT table_name FROM read_store_tables WHERE projection = ? AND generation = ? AND collection = ?',
  generationTables: 'SELECT table_name FROM read_store_tables WHERE projection = ? AND generation = ?',
  unregister: 'DELETE FROM read_store_tables WHERE projection = ? AND generation = ?',
  saveCheckpoint: `INSERT INTO read_store_checkpoints (projection, generation, position) VALUES (?, ?, ?)
                   ON CONFLICT (projection, generation) DO UPDATE SET position = excluded.position`,
  checkpoint: 'SELECT position FROM read_store_checkpoints WHERE projection = ? AND generation = ?',
  dropCheckpoint: 'DELETE FROM read_store_checkpoints WHERE projection = ? AND generation = ?',
  markDropped: 'INSERT OR IGNORE INTO read_store_dropped (projection, generation) VALUES (?, ?)',
  unmarkDropped: 'DELETE FROM read_store_dropped WHERE projection = ? AND generation = ?',
  isDropped: 'SELECT 1 AS dropped FROM read_store_dropped WHERE projection = ? AND generation = ?',
  addProjection: 'INSERT OR IGNORE INTO read_store_projections (projection) VALUES (?)',
  projection: 'SELECT projection, active_generation, meta FROM read_store_projections WHERE projection = ?',
  projections: 'SELECT projection, active_generation, meta FROM read_store_projections ORDER BY projection',
  saveProjection: 'UPDATE read_store_projections SET active_generation = ?, meta = ? WHERE projection = ?',
  deactivate: `UPDATE read_store_projections SET active_generation = NULL
               WHERE projection = ? AND active_generation = ?`,
};

export type ProjectionRow = { projection: string; active_generation: number | null; meta: string };

export const toRecord = (row: ProjectionRow): ProjectionRecord => ({
  projection: row.projection,
  activeGeneration: row.active_generation,
  meta: JSON.parse(row.meta),
});

// Table names come from physical-names.ts ([A-Za-z0-9_.] only) and are quoted besides.
export function createTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS "${table}" (
    id       TEXT    PRIMARY KEY,
    position INTEGER NOT NULL,
    doc      TEXT    NOT NULL
  )`;
}

export function upsertSql(table: string): string {
  return `INSERT INTO "${table}" (id, position, doc) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET position = excluded.position, doc = excluded.doc`;
}

// id closes every index, so `ORDER BY <fields>, id` (the port's tiebreak) is read straight off it.
export function createIndexSql(table: string, spec: IndexSpec): string {
  const columns = [...new Set([...spec.fields.map((field) => fieldSql(field).value), 'id'])];
  const name = `${table}.ix_${shortHash(JSON.stringify(spec.fields))}`;
  return `CREATE INDEX IF NOT EXISTS "${name}" ON "${table}" (${columns.join(', ')})`;
}
