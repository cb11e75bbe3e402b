import type { Database, Statement } from 'better-sqlite3';

// Queries are built per shape (table, fields, operators), so their statements are cached by SQL
// text. Bounded: the oldest statement is dropped first, and a dropped table's statements go with it.
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly capacity = 500,
  ) {}

  get(sql: string): Statement {
    return this.cached(sql, sql, false);
  }

  /** The statement in raw mode: rows come back as arrays of values, not objects. */
  raw(sql: string): Statement {
    return this.cached(`raw:${sql}`, sql, true);
  }

  private cached(key: string, sql: string, raw: boolean): Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = raw ? this.db.prepare(sql).raw(true) : this.db.prepare(sql);
      if (this.statements.size >= this.capacity) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      this.statements.set(key, statement);
    }
    return statement;
  }

  forgetTable(table: string): void {
    const quoted = `"${table}"`;
    for (const sql of this.statements.keys()) {
      if (sql.includes(quoted)) this.statements.delete(sql);
    }
  }
}
