import type { Database, Statement } from 'better-sqlite3';
import type { EventFacts, Position, StreamFilter } from '../event-store.port.js';

type FactsRow = [position: number, stream: string, type: string, data: string, recordedAt: string];

// Reads of the log for projections: only the columns they need, as arrays rather than objects
// (the id and the metadata, the larger half of a row, are never copied out of SQLite), through one
// prepared statement per stream filter.
export class SqliteLogScan {
  private readonly statements = new Map<string, Statement<unknown[], FactsRow>>();

  constructor(private readonly db: Database) {}

  facts(after: Position | null, limit: number, filter?: StreamFilter): EventFacts[] {
    if (filter && filter.streamPrefixes.length === 0) return [];
    const prefixes = filter?.streamPrefixes ?? [];
    const args = prefixes.flatMap((p) => [p.length, p]);
    const rows = this.statement(prefixes).all(after ?? 0, ...args, limit);
    const facts = new Array<EventFacts>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, stream, type, data, recordedAt] = rows[i];
      facts[i] = { type, stream, position, data: JSON.parse(data), recordedAt };
    }
    return facts;
  }

  private statement(prefixes: readonly string[]): Statement<unknown[], FactsRow> {
    const key = prefixes.length.toString();
    let statement = this.statements.get(key);
    if (!statement) {
      const clause = prefixes.length
        ? ` AND (${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`
        : '';
      statement = this.db
        .prepare<unknown[], FactsRow>(
          `SELECT position, stream, type, data, json_extract(metadata, '$.recordedAt') FROM events WHERE position > ?${clause} ORDER BY position LIMIT ?`,
        )
        .raw(true);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
