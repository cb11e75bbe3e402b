import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type StoredResponse = { fingerprint: string; status: number; body: string };

export interface IdempotencyStore {
  find(scope: string): StoredResponse | null;
  save(scope: string, response: StoredResponse): void;
  close(): void;
}

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly findStatement;
  private readonly saveStatement;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      scope TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, saved_at TEXT NOT NULL
    ) WITHOUT ROWID`);
    this.findStatement = this.db.prepare<[string], StoredResponse>(
      'SELECT fingerprint, status, body FROM idempotency WHERE scope = ?',
    );
    this.saveStatement = this.db.prepare(
      'INSERT OR IGNORE INTO idempotency (scope, fingerprint, status, body, saved_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  find(scope: string): StoredResponse | null {
    return this.findStatement.get(scope) ?? null;
  }

  save(scope: string, response: StoredResponse): void {
    this.saveStatement.run(
      scope,
      response.fingerprint,
      response.status,
      response.body,
      new Date().toISOString(),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
