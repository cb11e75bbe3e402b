import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idempotencyStoreContract } from './idempotency-store.contract.js';
import type { IdempotencyStore } from './idempotency-store.port.js';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store.js';

idempotencyStoreContract('sqlite (one file, several connections)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-idem-'));
  const opened: IdempotencyStore[] = [];
  return {
    open: async (options) => {
      const store = new SqliteIdempotencyStore(join(dir, 'idempotency.db'), options);
      opened.push(store);
      return store;
    },
    dispose: async () => {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteIdempotencyStore', () => {
  it('replays the responses a file written before claims existed holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-idem-'));
    const file = join(dir, 'idempotency.db');
    try {
      const old = new Database(file);
      old.exec(`CREATE TABLE idempotency (
        scope TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, saved_at TEXT NOT NULL
      ) WITHOUT ROWID`);
      old
        .prepare('INSERT INTO idempotency VALUES (?, ?, ?, ?, ?)')
        .run('svc\nk', 'fp-1', 201, '{"id":"x"}', '2026-01-01T00:00:00.000Z');
      old.close();
      const store = new SqliteIdempotencyStore(file);
      expect(await store.claim('svc\nk', 'fp-1')).toEqual({
        kind: 'replay',
        response: { status: 201, body: '{"id":"x"}' },
      });
      expect(await store.claim('svc\nk', 'fp-2')).toEqual({ kind: 'reused' });
      await store.close();
      const reopened = new Database(file);
      const tables = reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      reopened.close();
      expect(tables).toEqual(['idempotency_attempts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
