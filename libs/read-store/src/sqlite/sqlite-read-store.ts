import Database, { type Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { collectionName, generationPrefix } from '../physical-names.js';
import { matches, orderWithTiebreak, predicates } from '../query-semantics.js';
import {
  Doc,
  GenerationRef,
  IndexSpec,
  Lease,
  LeaseState,
  ProjectionRecord,
  Query,
  ReadStore,
  Write,
} from '../read-store.port.js';
import {
  assertDoc,
  assertGenerationRef,
  assertIndexes,
  assertLimit,
  assertProjection,
  storableMeta,
} from '../validation.js';
import { countSql, findSql, isMissingTable } from './sqlite-query.js';
import {
  configure,
  createIndexSql,
  createTableSql,
  migrate,
  ProjectionRow,
  SQL,
  toRecord,
  upsertSql,
} from './sqlite-read-store-schema.js';
import { StatementCache } from './statement-cache.js';
import { SqliteLeases } from './sqlite-leases.js';
import { GenerationGoneError } from '../read-store.errors.js';

const keyOf = (ref: GenerationRef, collection: string) =>
  JSON.stringify([ref.projection, ref.generation, collection]);

export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly statements: StatementCache;
  // Tables known to exist, by (projection, generation, collection).
  private readonly tables = new Map<string, string>();
  private readonly leaseTable: SqliteLeases;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    configure(this.db);
    migrate(this.db);
    this.statements = new StatementCache(this.db);
    this.leaseTable = new SqliteLeases(this.db, this.statements);
  }

  async ensureGeneration(ref: GenerationRef, indexes: IndexSpec[], fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    assertIndexes(indexes);
    this.write(() => {
      this.leaseTable.check(fence, 'creating a generation');
      this.run(SQL.addProjection, ref.projection);
      this.run(SQL.unmarkDropped, ref.projection, ref.generation);
      for (const spec of indexes) {
        const table = this.createTable(ref, spec.collection);
        if (spec.fields.length > 0) this.db.exec(createIndexSql(table, spec));
      }
    });
  }

  async dropGeneration(ref: GenerationRef, fence?: Lease): Promise<void> {
    const prefix = generationPrefix(ref);
    const { projection, generation } = ref;
    this.write(() => {
      this.leaseTable.check(fence, 'dropping a generation');
      this.run(SQL.markDropped, projection, generation);
      const rows = this.all<{ table_name: string }>(SQL.generationTables, projection, generation);
      for (const { table_name: table } of rows) {
        this.statements.forgetTable(table);
        this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      }
      this.run(SQL.unregister, projection, generation);
      this.run(SQL.dropCheckpoint, projection, generation);
      this.run(SQL.deactivate, projection, generation);
    });
    for (const [key, table] of this.tables) if (table.startsWith(prefix)) this.tables.delete(key);
  }

  // One transaction: the fence check, the writes and the checkpoint land together or not at all.
  async commit(ref: GenerationRef, writes: Write[], checkpoint: number, fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    this.write(() => {
      this.leaseTable.check(fence, 'commit');
      // A commit writes thousands of documents into a few collections: their statements are
      // looked up once per collection, not once per document.
      const byCollection = new Map<string, { upsert: Statement; remove: Statement }>();
      for (const write of writes) {
        let statements = byCollection.get(write.collection);
        if (!statements) {
          const table = this.createTable(ref, write.collection);
          statements = {
            upsert: this.statements.get(upsertSql(table)),
            remove: this.statements.get(`DELETE FROM "${table}" WHERE id = ?`),
          };
          byCollection.set(write.collection, statements);
        }
        if (write.op === 'put') {
          assertDoc(write.doc);
          statements.upsert.run(write.doc._id, write.doc._position, JSON.stringify(write.doc));
        } else {
          statements.remove.run(write.id);
        }
      }
      this.run(SQL.saveCheckpoint, ref.projection, ref.generation, checkpoint);
    });
  }

  async checkpoint(ref: GenerationRef): Promise<number | null> {
    return this.one<{ position: number }>(SQL.checkpoint, ref.projection, ref.generation)?.position ?? null;
  }

  async get(ref: GenerationRef, collection: string, id: string): Promise<Doc | null> {
    return this.read(ref, collection, null, (table) => {
      const row = this.one<{ doc: string }>(`SELECT doc FROM "${table}" WHERE id = ?`, id);
      return row ? (JSON.parse(row.doc) as Doc) : null;
    });
  }

  async getMany(ref: GenerationRef, collection: string, ids: string[]): Promise<Doc[]> {
    const wanted = [...new Set(ids)];
    const found = this.read(ref, collection, [] as Doc[], (table) =>
      this.docs(
        `SELECT doc FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(wanted),
      ),
    );
    const byId = new Map(found.map((doc) => [doc._id, doc]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async find(ref: GenerationRef, collection: string, query: Query = {}): Promise<Doc[]> {
    const where = predicates(query.where);
    const orderBy = orderWithTiebreak(query.orderBy);
    assertLimit(query.limit);
    return this.read(ref, collection, [] as Doc[], (table) => {
      const { sql, params, exactness } = findSql(table, where, orderBy, query.limit);
      const docs = this.docs(sql, ...params);
      return exactness === 'exact' ? docs : docs.filter((doc) => matches(doc, where));
    });
  }

  async count(ref: GenerationRef, collection: string, where?: Query['where']): Promise<number> {
    const conditions = predicates(where);
    return this.read(ref, collection, 0, (table) => {
      const { sql, params } = countSql(table, conditions);
      return this.one<{ n: number }>(sql, ...params)?.n ?? 0;
    });
  }

  // The query plan `find` gets, one line per step: how tests see that indexes serve the queries.
  explain(ref: GenerationRef, collection: string, query: Query = {}): string[] {
    const table = this.lookupTable(ref, collection);
    if (!table) throw new Error(`read-store: no collection ${collection} in ${JSON.stringify(ref)}`);
    const { sql, params } = findSql(
      table,
      predicates(query.where),
      orderWithTiebreak(query.orderBy),
      query.limit,
    );
    return this.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);
  }

  async projections(): Promise<ProjectionRecord[]> {
    return this.all<ProjectionRow>(SQL.projections).map(toRecord);
  }

  async activate(
    projection: string,
    generation: number,
    meta: Record<string, unknown> = {},
    fence?: Lease,
  ): Promise<void> {
    assertGenerationRef({ projection, generation });
    this.updateRecord(projection, storableMeta(meta), fence, generation);
  }

  async updateMeta(projection: string, meta: Record<string, unknown>, fence?: Lease): Promise<void> {
    assertProjection(projection);
    this.updateRecord(projection, storableMeta(meta), fence);
  }

  async acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null> {
    return this.leaseTable.acquire(projection, owner, ttlMs);
  }

  async renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    return this.leaseTable.renew(lease, ttlMs);
  }

  async releaseLease(lease: Lease): Promise<void> {
    this.leaseTable.release(lease);
  }

  async leases(): Promise<LeaseState[]> {
    return this.leaseTable.states();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // Read-merge-write inside one IMMEDIATE transaction: no other writer can interleave.
  private updateRecord(
    projection: string,
    meta: Record<string, unknown>,
    fence: Lease | undefined,
    generation?: number,
  ): void {
    this.write(() => {
      this.leaseTable.check(fence, generation === undefined ? 'registry update' : 'activation');
      this.run(SQL.addProjection, projection);
      const record = toRecord(this.one<ProjectionRow>(SQL.projection, projection) as ProjectionRow);
      const active = generation ?? record.activeGeneration;
      this.run(SQL.saveProjection, active, JSON.stringify({ ...record.meta, ...meta }), projection);
    });
  }

  private write(work: () => void): void {
    try {
      this.db.transaction(work).immediate();
    } catch (error) {
      // Tables created inside the transaction were rolled back with it.
      this.tables.clear();
      throw error;
    }
  }

  private createTable(ref: GenerationRef, collection: string): string {
    const key = keyOf(ref, collection);
    const known = this.tables.get(key);
    if (known) return known;
    const table = collectionName(ref, collection);
    this.db.exec(createTableSql(table));
    this.run(SQL.register, ref.projection, ref.generation, collection, table);
    this.tables.set(key, table);
    return table;
  }

  private lookupTable(ref: GenerationRef, collection: string): string | null {
    const key = keyOf(ref, collection);
    const known = this.tables.get(key);
    if (known) return known;
    const row = this.one<{ table_name: string }>(SQL.lookup, ref.projection, ref.generation, collection);
    if (row) this.tables.set(key, row.table_name);
    return row?.table_name ?? null;
  }

  private read<T>(ref: GenerationRef, collection: string, empty: T, query: (table: string) => T): T {
    const table = this.lookupTable(ref, collection);
    if (!table) return this.emptyUnlessDropped(ref, empty);
    try {
      return query(table);
    } catch (error) {
      // Another process (a CLI rebuild) may have dropped the generation since we cached its table.
      if (!isMissingTable(error)) throw error;
      this.tables.delete(keyOf(ref, collection));
      this.statements.forgetTable(table);
      const again = this.lookupTable(ref, collection);
      if (!again) return this.emptyUnlessDropped(ref, empty);
      try {
        return query(again);
      } catch (retryError) {
        if (!isMissingTable(retryError)) throw retryError;
        this.tables.delete(keyOf(ref, collection));
        this.statements.forgetTable(again);
        return this.emptyUnlessDropped(ref, empty);
      }
    }
  }

  // A collection never written reads as empty; one of a dropped generation is gone, and a query
  // that answered zeros for it would be wrong.
  private emptyUnlessDropped<T>(ref: GenerationRef, empty: T): T {
    if (this.one(SQL.isDropped, ref.projection, ref.generation)) throw new GenerationGoneError(ref);
    return empty;
  }

  private run(sql: string, ...params: unknown[]): void {
    this.statements.get(sql).run(...params);
  }

  private one<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.statements.get(sql).get(...params) as T | undefined;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statements.get(sql).all(...params) as T[];
  }

  // Documents of a `SELECT doc …`, read as raw rows: no row object per document.
  private docs(sql: string, ...params: unknown[]): Doc[] {
    const rows = this.statements.raw(sql).all(...params) as [string][];
    const docs = new Array<Doc>(rows.length);
    for (let i = 0; i < rows.length; i++) docs[i] = JSON.parse(rows[i][0]) as Doc;
    return docs;
  }
}
