import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../event-store.contract.js';
import type { RecordedEvent } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

// A subscriber on one connection sees another connection's append at its next poll (250 ms), or at
// once when told of it.
describe('SQLite event store: an append made on another connection', () => {
  let dir: string;
  let writer: SqliteEventStore;
  let reader: SqliteEventStore;
  let abort: AbortController;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sales-es-elsewhere-'));
    writer = new SqliteEventStore(join(dir, 'events.db'));
    reader = new SqliteEventStore(join(dir, 'events.db'));
    abort = new AbortController();
  });
  afterEach(async () => {
    abort.abort();
    await writer.close();
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const firstEvent = async (): Promise<{ event: RecordedEvent; ms: number; at: number }> => {
    const started = performance.now();
    for await (const event of reader.subscribe(null, { streamPrefixes: [''] }, abort.signal))
      return { event, ms: performance.now() - started, at: performance.now() };
    throw new Error('the subscription ended');
  };

  it('wakes the subscribers when told, instead of at their next poll', async () => {
    const seen = firstEvent();
    await new Promise((resolve) => setTimeout(resolve, 30)); // the subscriber waits, having read nothing
    await writer.append('deal-1', [newEvent('A1')], 0);
    // From the word, not from the start: a first append starts the writer thread, which a loaded
    // machine may take a while to do.
    const told = performance.now();
    reader.appendedElsewhere();
    const { event, at } = await seen;
    expect(event.type).toBe('A1');
    expect(at - told).toBeLessThan(100);
  });

  it('is seen at the next poll when no one tells', async () => {
    const seen = firstEvent();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await writer.append('deal-1', [newEvent('A1')], 0);
    const { event, ms } = await seen;
    expect(event.type).toBe('A1');
    expect(ms).toBeGreaterThanOrEqual(200);
  });
});
