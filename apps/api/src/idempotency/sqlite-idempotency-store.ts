import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IdempotencyRecord, judgeAttempt, pendingRecord } from './idempotency-record.js';
import {
  ClaimOutcome,
  DEFAULT_CLAIM_TTL_MS,
  IdempotencyClaim,
  IdempotencyScope,
  IdempotencyStore,
  IdempotencyStoreOptions,
  StoredResponse,
} from './idempotency-store.port.js';

type Row = {
  scope: string;
  attempt: number;
  fingerprint: string;
  state: IdempotencyRecord['state'];
  status: number | null;
  body: string | null;
  claimed_at: number;
  expires_at: number | null;
  settled_at: number | null;
};

function toRecord(row: Row): IdempotencyRecord {
  const claimed = {
    scope: row.scope,
    attempt: row.attempt,
    fingerprint: row.fingerprint,
    claimedAt: row.claimed_at,
  };
  if (row.state === 'pending') return { ...claimed, state: 'pending', expiresAt: row.expires_at ?? 0 };
  if (row.state === 'completed')
    return {
      ...claimed,
      state: 'completed',
      status: row.status ?? 0,
      body: row.body ?? '',
      settledAt: row.settled_at ?? 0,
    };
  return { ...claimed, state: 'released', settledAt: row.settled_at ?? 0 };
}

// Embedded mode: several processes may share one data directory, so the claim is the same as on
// MongoDB (an insert of the next attempt), made inside an IMMEDIATE transaction that also reads
// the attempts before it.
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly claimTransaction: (scope: string, fingerprint: string) => ClaimOutcome;
  private readonly settleStatement;

  constructor(file: string, options: IdempotencyStoreOptions = {}) {
    this.ttlMs = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
    this.now = options.now ?? Date.now;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const attempts = this.db.prepare<[string], Row>(
      'SELECT * FROM idempotency_attempts WHERE scope = ? ORDER BY attempt',
    );
    const insert = this.db.prepare(
      `INSERT INTO idempotency_attempts (scope, attempt, fingerprint, state, claimed_at, expires_at)
       VALUES (@scope, @attempt, @fingerprint, 'pending', @claimedAt, @expiresAt)`,
    );
    const claim = (scope: string, fingerprint: string): ClaimOutcome => {
      const now = this.now();
      let next = 0;
      for (const row of attempts.all(scope)) {
        const verdict = judgeAttempt(toRecord(row), fingerprint, now);
        if (verdict) return verdict;
        next = row.attempt + 1;
      }
      insert.run(pendingRecord(scope, next, fingerprint, now, this.ttlMs));
      return { kind: 'claimed', claim: { scope, attempt: next } };
    };
    this.claimTransaction = (scope, fingerprint) => this.db.transaction(claim).immediate(scope, fingerprint);
    this.settleStatement = this.db.prepare(
      `UPDATE idempotency_attempts SET state = @state, status = @status, body = @body, settled_at = @settledAt
       WHERE scope = @scope AND attempt = @attempt AND state = 'pending'`,
    );
  }

  // Files written before claims existed hold completed responses only: they become attempt 0.
  private migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_attempts (
      scope TEXT NOT NULL, attempt INTEGER NOT NULL, fingerprint TEXT NOT NULL, state TEXT NOT NULL,
      status INTEGER, body TEXT, claimed_at INTEGER NOT NULL, expires_at INTEGER, settled_at INTEGER,
      PRIMARY KEY (scope, attempt)
    ) WITHOUT ROWID`);
    const legacy = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency'")
      .get();
    if (!legacy) return;
    this.db
      .transaction(() => {
        this.db.exec(`INSERT OR IGNORE INTO idempotency_attempts
            (scope, attempt, fingerprint, state, status, body, claimed_at, settled_at)
          SELECT scope, 0, fingerprint, 'completed', status, body,
            CAST((julianday(saved_at) - 2440587.5) * 86400000 AS INTEGER),
            CAST((julianday(saved_at) - 2440587.5) * 86400000 AS INTEGER)
          FROM idempotency;
          DROP TABLE idempotency;`);
      })
      .immediate();
  }

  async claim(scope: IdempotencyScope, fingerprint: string): Promise<ClaimOutcome> {
    return this.claimTransaction(scope, fingerprint);
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
    this.settleStatement.run({ ...claim, state: 'completed', ...response, settledAt: this.now() });
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    this.settleStatement.run({
      ...claim,
      state: 'released',
      status: null,
      body: null,
      settledAt: this.now(),
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
