import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../event-store.contract.js';
import { VersionConflictError } from '../event-store.port.js';
import { verifyStream } from '../hash-chain.js';
import { SqliteEventStore } from './sqlite-event-store.js';

// Two stores on one file stand for two processes: each writer keeps its own stream tips, which the
// other one's appends make stale.
describe('SQLite event store: two writers on one file', () => {
  let dir: string;
  let a: SqliteEventStore;
  let b: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sales-es-shared-'));
    a = new SqliteEventStore(join(dir, 'events.db'));
    b = new SqliteEventStore(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains onto what the other wrote, whatever the expected version', async () => {
    await a.append('deal-1', [newEvent('A1')], 0);
    await b.append('deal-1', [newEvent('B1'), newEvent('B2')], 1);
    // a's tip says 1: the store says 3
    await expect(a.append('deal-1', [newEvent('A-stale')], 1)).rejects.toMatchObject({
      actualVersion: 3,
    });
    expect(await a.append('deal-1', [newEvent('A2')], 3)).toMatchObject({ version: 4 });
    await b.append('deal-1', [newEvent('B3')], 'any');
    expect(await a.append('deal-1', [newEvent('A3'), newEvent('A4')], 'any')).toMatchObject({ version: 7 });
    const { events } = await b.readStream('deal-1');
    expect(events.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2', 'B3', 'A3', 'A4']);
    expect(verifyStream(events)).toBeNull();
  });

  it('keeps one chain when both write the same streams at once', async () => {
    const writer = (store: SqliteEventStore, name: string) =>
      Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const stream = `deal-${i % 4}`;
          for (;;) {
            const { version } = await store.readStream(stream, { backwards: true, limit: 1 });
            try {
              return await store.append(stream, [newEvent(`${name}${i}`)], i % 3 === 0 ? 'any' : version);
            } catch (error) {
              if (!(error instanceof VersionConflictError)) throw error;
            }
          }
        }),
      );
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    for (let s = 0; s < 4; s++) {
      const { events, version } = await a.readStream(`deal-${s}`);
      expect(version).toBe(20);
      expect(verifyStream(events)).toBeNull();
    }
  });
});
