import type { Database, Statement } from 'better-sqlite3';
import type { ReadStreamOptions } from '../event-store.port.js';

export type Row = {
  position: number;
  stream: string;
  version: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
};

// One prepared statement per shape of stream read. SQLite plans a bound `LIMIT ?` or an open-ended
// `version <= ?` about twice as slowly as the same query without them (11 µs against 5 µs for the
// last event of a stream), so a read leaves out the clauses it does not need and writes its limit,
// a checked integer, into the SQL.
export class StreamReads {
  private readonly statements = new Map<string, Statement<unknown[], Row>>();

  constructor(private readonly db: Database) {}

  rows(stream: string, options: ReadStreamOptions): Row[] {
    const { backwards = false, fromVersion, limit } = options;
    const bounded = fromVersion !== undefined && (backwards || fromVersion > 1);
    const sqlLimit = limit === undefined || limit < 0 ? null : Math.floor(limit);
    if (sqlLimit !== null && !Number.isSafeInteger(sqlLimit)) throw new RangeError(`bad limit ${limit}`);
    const statement = this.statement(backwards, bounded, sqlLimit);
    return bounded ? statement.all(stream, fromVersion) : statement.all(stream);
  }

  private statement(backwards: boolean, bounded: boolean, limit: number | null): Statement<unknown[], Row> {
    const key = `${backwards ? 'b' : 'f'}${bounded ? 'v' : ''}${limit ?? ''}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const range = bounded ? (backwards ? ' AND version <= ?' : ' AND version >= ?') : '';
      const order = backwards ? 'DESC' : 'ASC';
      const cap = limit === null ? '' : ` LIMIT ${limit}`;
      statement = this.db.prepare<unknown[], Row>(
        `SELECT * FROM events WHERE stream = ?${range} ORDER BY version ${order}${cap}`,
      );
      // Callers pass a handful of limits; a stray one must not grow the map without end.
      if (this.statements.size >= 64) this.statements.clear();
      this.statements.set(key, statement);
    }
    return statement;
  }
}
