import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError } from '../event-store.port.js';
import { toUnavailable } from './sqlite-errors.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const sqliteError = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });

describe('an unusable SQLite file is an unavailable event store', () => {
  it.each(['SQLITE_BUSY', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_NOTADB'])(
    'maps %s',
    (code) => {
      expect(toUnavailable(sqliteError(code))).toBeInstanceOf(EventStoreUnavailableError);
    },
  );

  it('passes other errors through: a constraint or a bug is not a condition to wait out', () => {
    const constraint = sqliteError('SQLITE_CONSTRAINT_UNIQUE');
    expect(toUnavailable(constraint)).toBe(constraint);
    const bug = new RangeError('bad limit');
    expect(toUnavailable(bug)).toBe(bug);
  });

  it('answers reads and appends on a closed store with EventStoreUnavailableError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-es-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await store.close();
    try {
      await expect(store.readStream('deal-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll(null, 10)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('deal-1', [], 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
