import type { Database } from 'better-sqlite3';
import { FencedError } from '../read-store.errors.js';
import type { Lease, LeaseState } from '../read-store.port.js';
import { assertLease, assertProjection, assertTtl } from '../validation.js';
import type { StatementCache } from './statement-cache.js';

// Leases in the read-models file, so that two processes on one data directory coordinate. Every
// process opening the file runs on the same machine, so expiry is judged by the one clock they
// share (Date.now). Each operation is one IMMEDIATE transaction: SQLite lets one writer in at a
// time, so a compare-and-set here is exact, and so is the fence check a commit makes inside its
// own transaction.
export const LEASES_SQL = `
  CREATE TABLE IF NOT EXISTS read_store_leases (
    projection TEXT    PRIMARY KEY,
    owner      TEXT,
    token      INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );`;

type Row = { projection: string; owner: string | null; token: number; expires_at: number };

const SQL = {
  lease: 'SELECT projection, owner, token, expires_at FROM read_store_leases WHERE projection = ?',
  leases: 'SELECT projection, owner, token, expires_at FROM read_store_leases ORDER BY projection',
  take: `INSERT INTO read_store_leases (projection, owner, token, expires_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (projection) DO UPDATE SET owner = excluded.owner, token = token + 1,
           expires_at = excluded.expires_at
         WHERE read_store_leases.owner IS NULL OR read_store_leases.expires_at <= ?
         RETURNING token`,
  renew: 'UPDATE read_store_leases SET expires_at = ? WHERE projection = ? AND owner = ? AND token = ?',
  release: `UPDATE read_store_leases SET owner = NULL, expires_at = 0
            WHERE projection = ? AND owner = ? AND token = ?`,
};

export class SqliteLeases {
  constructor(
    private readonly db: Database,
    private readonly statements: StatementCache,
    private readonly now: () => number = Date.now,
  ) {}

  acquire(projection: string, owner: string, ttlMs: number): Lease | null {
    assertProjection(projection);
    assertTtl(ttlMs);
    const now = this.now();
    const taken = this.transaction(
      () =>
        this.statements.get(SQL.take).get(projection, owner, now + ttlMs, now) as
          { token: number } | undefined,
    );
    return taken ? { projection, owner, token: taken.token } : null;
  }

  renew(lease: Lease, ttlMs: number): boolean {
    assertLease(lease);
    assertTtl(ttlMs);
    const { changes } = this.transaction(() =>
      this.statements.get(SQL.renew).run(this.now() + ttlMs, lease.projection, lease.owner, lease.token),
    );
    return changes === 1;
  }

  release(lease: Lease): void {
    assertLease(lease);
    this.transaction(() => this.statements.get(SQL.release).run(lease.projection, lease.owner, lease.token));
  }

  states(): LeaseState[] {
    const now = this.now();
    return (this.statements.get(SQL.leases).all() as Row[]).map((row) => ({
      projection: row.projection,
      owner: row.owner,
      token: row.token,
      expiresAt: row.expires_at,
      live: row.owner !== null && row.expires_at > now,
    }));
  }

  // Called inside the writing transaction. The holder of the latest token may write even past its
  // expiry: until someone else takes the lease, nobody else writes.
  check(fence: Lease | undefined, what: string): void {
    if (!fence) return;
    const row = this.statements.get(SQL.lease).get(fence.projection) as Row | undefined;
    if (row?.token !== fence.token || row.owner !== fence.owner)
      throw new FencedError(fence, `${what} refused`);
  }

  private transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
