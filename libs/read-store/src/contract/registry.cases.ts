import { expect, it } from '@jest/globals';
import { ProjectionRecord } from '../read-store.port.js';
import { ContractContext, generation, uniqueProjection } from './contract-context.js';

export function registryCases({ store }: ContractContext): void {
  const record = async (projection: string): Promise<ProjectionRecord | undefined> =>
    (await store().projections()).find((r) => r.projection === projection);

  it('registers a projection when its first generation is created, serving nothing yet', async () => {
    const projection = uniqueProjection('registered');
    expect(await record(projection)).toBeUndefined();
    await store().ensureGeneration(generation(projection, 1), []);
    await store().ensureGeneration(generation(projection, 2), []);
    expect(await record(projection)).toEqual({ projection, activeGeneration: null, meta: {} });
  });

  it('lists projections ordered by name', async () => {
    const base = uniqueProjection('listed');
    for (const suffix of ['b', 'a', 'c']) await store().updateMeta(`${base}/${suffix}`, { n: suffix });
    const listed = (await store().projections()).filter((r) => r.projection.startsWith(base));
    expect(listed.map((r) => r.projection)).toEqual([`${base}/a`, `${base}/b`, `${base}/c`]);
  });

  it('activates a generation, swaps to the next one, and merges meta each time', async () => {
    const projection = uniqueProjection('activate');
    await store().ensureGeneration(generation(projection, 1), []);
    await store().activate(projection, 1, { status: 'live', codeVersion: 1 });
    expect(await record(projection)).toEqual({
      projection,
      activeGeneration: 1,
      meta: { status: 'live', codeVersion: 1 },
    });
    await store().activate(projection, 2, { codeVersion: 2 });
    expect(await record(projection)).toEqual({
      projection,
      activeGeneration: 2,
      meta: { status: 'live', codeVersion: 2 },
    });
    await store().activate(projection, 3);
    expect((await record(projection))?.activeGeneration).toBe(3);
    expect((await record(projection))?.meta).toEqual({ status: 'live', codeVersion: 2 });
  });

  it('activates a projection it has never seen', async () => {
    const projection = uniqueProjection('activate-new');
    await store().activate(projection, 0);
    expect(await record(projection)).toEqual({ projection, activeGeneration: 0, meta: {} });
  });

  it('merges meta: new keys added, old ones overwritten, null kept, undefined ignored', async () => {
    const projection = uniqueProjection('meta');
    await store().updateMeta(projection, {});
    expect(await record(projection)).toEqual({ projection, activeGeneration: null, meta: {} });
    const lastError = { code: 'POISON_EVENT', position: 17, detail: ['ünïcode ✓', { nested: true }] };
    await store().updateMeta(projection, { status: 'failed', lastError, lag: 3 });
    await store().updateMeta(projection, { status: 'running', lastError: null, lag: undefined });
    expect((await record(projection))?.meta).toEqual({ status: 'running', lastError: null, lag: 3 });
    await store().updateMeta(projection, { lastError });
    expect((await record(projection))?.meta.lastError).toEqual(lastError);
  });

  it('loses no key when many meta updates and an activation race', async () => {
    const projection = uniqueProjection('race');
    await store().ensureGeneration(generation(projection, 1), []);
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    await Promise.all([
      ...keys.map((key, i) => store().updateMeta(projection, { [key]: i })),
      store().activate(projection, 1, { activatedBy: 'race' }),
    ]);
    const found = await record(projection);
    expect(found?.activeGeneration).toBe(1);
    expect(found?.meta).toEqual({
      ...Object.fromEntries(keys.map((key, i) => [key, i])),
      activatedBy: 'race',
    });
  });

  it('stops serving a generation that is dropped, and only that one', async () => {
    const projection = uniqueProjection('drop-active');
    await store().ensureGeneration(generation(projection, 1), []);
    await store().ensureGeneration(generation(projection, 2), []);
    await store().activate(projection, 2, { status: 'live' });
    await store().dropGeneration(generation(projection, 1));
    expect((await record(projection))?.activeGeneration).toBe(2);
    await store().dropGeneration(generation(projection, 2));
    expect(await record(projection)).toEqual({
      projection,
      activeGeneration: null,
      meta: { status: 'live' },
    });
  });

  it('keeps meta keys of any spelling and nested values exactly', async () => {
    const projection = uniqueProjection('odd-meta');
    const meta = { 'a.b': 1, $set: { '$inc.x': [[1, 2], []] }, 'x~t': '~', '': 'empty', 'ünï ✓': null };
    await store().updateMeta(projection, meta);
    await store().activate(projection, 1, { 'a.b': 2 });
    expect(await record(projection)).toEqual({
      projection,
      activeGeneration: 1,
      meta: { ...meta, 'a.b': 2 },
    });
  });
}
