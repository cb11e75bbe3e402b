import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '../read-store.contract.js';
import { Doc, Query } from '../read-store.port.js';
import { SqliteReadStore } from './sqlite-read-store.js';

const temporaryDir = () => mkdtempSync(join(tmpdir(), 'sales-rs-'));

readStoreContract('sqlite', async () => {
  const dir = temporaryDir();
  const store = new SqliteReadStore(join(dir, 'read-models.db'));
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteReadStore', () => {
  const ref = { projection: 'deals-by-stage', generation: 3 };
  let dir: string;
  let store: SqliteReadStore;

  beforeAll(async () => {
    dir = temporaryDir();
    store = new SqliteReadStore(join(dir, 'read-models.db'));
    await store.ensureGeneration(ref, [
      { collection: 'deals', fields: ['stage', 'closedAt'] },
      { collection: 'deals', fields: ['amount'] },
    ]);
    const stages = ['open', 'won', 'lost'];
    const writes = Array.from({ length: 300 }, (_, i) => ({
      op: 'put' as const,
      collection: 'deals',
      doc: {
        _id: `d${i}`,
        _position: i,
        stage: stages[i % 3],
        amount: i * 10,
        closedAt: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
      },
    }));
    await store.commit(ref, writes, 300);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const plan = (query: Query) => store.explain(ref, 'deals', query).join('\n');

  it('serves equality, range and sort on indexed fields from the expression indexes', async () => {
    const byStage = plan({
      where: { stage: 'won', closedAt: { gte: '2026-01-10', lt: '2026-01-20' } },
      orderBy: [{ field: 'closedAt', direction: 'asc' }],
    });
    expect(byStage).toMatch(/SEARCH .* USING INDEX .*\(<expr>=\? AND <expr>>\? AND <expr><\?\)/);
    expect(byStage).not.toMatch(/TEMP B-TREE/);

    const byAmount = plan({
      where: { amount: { gt: 2000 } },
      orderBy: [{ field: 'amount', direction: 'asc' }],
    });
    expect(byAmount).toMatch(/SEARCH .* USING INDEX .*\(<expr>>\?\)/);
    expect(byAmount).not.toMatch(/TEMP B-TREE/);

    const stagesIn = plan({ where: { stage: { in: ['won', 'lost'] } } });
    expect(stagesIn).toMatch(/SEARCH .* USING INDEX .*\(<expr>=\?\)/);

    // Not indexed: a scan, which is what the projection's IndexSpec is there to avoid.
    expect(plan({ where: { owner: 'alice' } })).toMatch(/SCAN/);
    expect(
      await store.count(ref, 'deals', { stage: 'won', closedAt: { gte: '2026-01-10', lt: '2026-01-20' } }),
    ).toBe(
      (
        await store.find(ref, 'deals', {
          where: { stage: 'won', closedAt: { gte: '2026-01-10', lt: '2026-01-20' } },
        })
      ).length,
    );
  });

  it('commits atomically: a write that fails takes the earlier writes and the checkpoint with it', async () => {
    const before = await store.checkpoint(ref);
    const bad = { _id: 'bad', _position: 2, n: BigInt(1) } as unknown as Doc;
    const commit = store.commit(
      ref,
      [
        { op: 'put', collection: 'deals', doc: { _id: 'new-1', _position: 301, stage: 'won' } },
        { op: 'delete', collection: 'deals', id: 'd1' },
        { op: 'put', collection: 'brand-new-collection', doc: { _id: 'x', _position: 301 } },
        { op: 'put', collection: 'deals', doc: bad },
      ],
      302,
    );
    await expect(commit).rejects.toThrow();
    expect(await store.get(ref, 'deals', 'new-1')).toBeNull();
    expect(await store.get(ref, 'deals', 'd1')).not.toBeNull();
    expect(await store.checkpoint(ref)).toBe(before);
    expect(await store.count(ref, 'brand-new-collection')).toBe(0);
    // The rolled-back table is created again by the next commit that needs it.
    await store.commit(
      ref,
      [{ op: 'put', collection: 'brand-new-collection', doc: { _id: 'x', _position: 302 } }],
      302,
    );
    expect(await store.count(ref, 'brand-new-collection')).toBe(1);
  });

  it('keeps documents, checkpoints and the registry across reopening the file', async () => {
    const file = join(dir, 'reopen.db');
    const first = new SqliteReadStore(file);
    const other = { projection: 'reopen', generation: 1 };
    await first.commit(
      other,
      [{ op: 'put', collection: 'c', doc: { _id: 'a', _position: 1, v: 'kept' } }],
      1,
    );
    await first.activate('reopen', 1, { status: 'live' });
    await first.close();
    const second = new SqliteReadStore(file);
    try {
      expect(await second.get(other, 'c', 'a')).toEqual({ _id: 'a', _position: 1, v: 'kept' });
      expect(await second.checkpoint(other)).toBe(1);
      expect(await second.projections()).toEqual([
        { projection: 'reopen', activeGeneration: 1, meta: { status: 'live' } },
      ]);
    } finally {
      await second.close();
    }
  });

  it('sees a generation dropped by another connection to the same file as gone', async () => {
    const file = join(dir, 'shared.db');
    const [reader, writer] = [new SqliteReadStore(file), new SqliteReadStore(file)];
    const shared = { projection: 'shared', generation: 1 };
    try {
      await writer.commit(shared, [{ op: 'put', collection: 'c', doc: { _id: 'a', _position: 1 } }], 1);
      expect(await reader.find(shared, 'c')).toHaveLength(1);
      await writer.dropGeneration(shared);
      await expect(reader.find(shared, 'c')).rejects.toMatchObject({ code: 'GENERATION_GONE' });
      await expect(reader.get(shared, 'c', 'a')).rejects.toMatchObject({ code: 'GENERATION_GONE' });
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });
});
