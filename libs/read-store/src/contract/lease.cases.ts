import { expect, it } from '@jest/globals';
import { isFenced, isGenerationGone } from '../read-store.errors.js';
import type { Lease } from '../read-store.port.js';
import { ContractContext, doc, generation, put, uniqueProjection } from './contract-context.js';

const TTL = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function leaseCases({ store }: ContractContext): void {
  const state = async (projection: string) =>
    (await store().leases()).find((l) => l.projection === projection);
  const refused = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isFenced(error)).toBe(true);
  };

  it('grants a free lease to one owner, refuses it to others while live, renews it under the same token', async () => {
    const projection = uniqueProjection('lease');
    expect(await state(projection)).toBeUndefined();
    const lease = await store().acquireLease(projection, 'worker-a', TTL);
    expect(lease).toEqual({ projection, owner: 'worker-a', token: 1 });
    expect(await store().acquireLease(projection, 'worker-b', TTL)).toBeNull();
    expect(await store().renewLease(lease!, TTL)).toBe(true);
    expect(await state(projection)).toMatchObject({ projection, owner: 'worker-a', token: 1, live: true });
    expect((await state(projection))!.expiresAt).toBeGreaterThan(Date.now() + TTL / 2);
    expect(await store().renewLease({ ...lease!, token: 2 }, TTL)).toBe(false);
    expect(await store().renewLease({ ...lease!, owner: 'worker-b' }, TTL)).toBe(false);
  });

  it('hands a released lease over at once, with the next token; the old holder can renew it no more', async () => {
    const projection = uniqueProjection('release');
    const first = (await store().acquireLease(projection, 'worker-a', TTL))!;
    await store().releaseLease(first);
    expect(await state(projection)).toMatchObject({ owner: null, token: 1, live: false });
    const second = await store().acquireLease(projection, 'worker-b', TTL);
    expect(second).toEqual({ projection, owner: 'worker-b', token: 2 });
    expect(await store().renewLease(first, TTL)).toBe(false);
    // Releasing with a stale lease changes nothing.
    await store().releaseLease(first);
    expect(await state(projection)).toMatchObject({ owner: 'worker-b', token: 2, live: true });
  });

  it('lets another owner take an expired lease, and the tokens keep growing', async () => {
    const projection = uniqueProjection('expiry');
    const first = (await store().acquireLease(projection, 'worker-a', 300))!;
    expect(await store().acquireLease(projection, 'worker-b', TTL)).toBeNull();
    await sleep(600);
    expect((await state(projection))?.live).toBe(false);
    const second = await store().acquireLease(projection, 'worker-b', TTL);
    expect(second?.token).toBe(first.token + 1);
    expect(await store().renewLease(first, TTL)).toBe(false);
    await store().releaseLease(second!);
    expect((await store().acquireLease(projection, 'worker-a', TTL))?.token).toBe(first.token + 2);
  });

  it('grants a lease to exactly one of many owners racing for it', async () => {
    const projection = uniqueProjection('race');
    const owners = Array.from({ length: 6 }, (_, i) => `worker-${i}`);
    const granted = (
      await Promise.all(owners.map((owner) => store().acquireLease(projection, owner, TTL)))
    ).filter((lease): lease is Lease => lease !== null);
    expect(granted).toHaveLength(1);
    expect(granted[0].token).toBe(1);
    expect(await state(projection)).toMatchObject({ owner: granted[0].owner, token: 1, live: true });
  });

  it('refuses the commits of a fenced-off holder: no document, no checkpoint', async () => {
    const projection = uniqueProjection('fence');
    const ref = generation(projection);
    await store().ensureGeneration(ref, []);
    const first = (await store().acquireLease(projection, 'worker-a', TTL))!;
    await store().commit(ref, [put('deals', doc('a', 1, { by: 'a' }))], 1, first);
    await store().releaseLease(first);
    const second = (await store().acquireLease(projection, 'worker-b', TTL))!;
    await store().commit(ref, [put('deals', doc('b', 2, { by: 'b' }))], 2, second);

    await refused(
      store().commit(ref, [put('deals', doc('a', 3, { by: 'stale' })), put('deals', doc('c', 3))], 3, first),
    );
    expect(await store().get(ref, 'deals', 'a')).toEqual(doc('a', 1, { by: 'a' }));
    expect(await store().get(ref, 'deals', 'c')).toBeNull();
    expect(await store().checkpoint(ref)).toBe(2);
    // A lease never granted fences too.
    await refused(store().commit(ref, [], 9, { projection, owner: 'nobody', token: 99 }));
    expect(await store().checkpoint(ref)).toBe(2);
  });

  it('refuses registry writes of a fenced-off holder: swap, meta, drop', async () => {
    const projection = uniqueProjection('fence-registry');
    const [one, two] = [generation(projection, 1), generation(projection, 2)];
    await store().ensureGeneration(one, []);
    await store().ensureGeneration(two, []);
    const first = (await store().acquireLease(projection, 'worker-a', TTL))!;
    await store().activate(projection, 1, { status: 'live' }, first);
    await store().updateMeta(projection, { rebuilding: { generation: 2 } }, first);
    await store().releaseLease(first);
    const second = (await store().acquireLease(projection, 'worker-b', TTL))!;

    await refused(store().activate(projection, 2, { status: 'stale' }, first));
    await refused(store().updateMeta(projection, { rebuilding: null }, first));
    await refused(store().dropGeneration(one, first));
    await refused(store().ensureGeneration(generation(projection, 3), [], first));
    const record = (await store().projections()).find((r) => r.projection === projection);
    expect(record).toMatchObject({
      activeGeneration: 1,
      meta: { status: 'live', rebuilding: { generation: 2 } },
    });
    expect(await store().find(one, 'deals')).toEqual([]);

    await store().activate(projection, 2, { rebuilding: null }, second);
    await store().dropGeneration(one, second);
    expect((await store().projections()).find((r) => r.projection === projection)?.activeGeneration).toBe(2);
  });

  it('says a dropped generation is gone instead of reading it as empty, until it is ensured again', async () => {
    const projection = uniqueProjection('gone');
    const ref = generation(projection, 3);
    await store().ensureGeneration(ref, [{ collection: 'deals', fields: ['stage'] }]);
    await store().commit(ref, [put('deals', doc('a', 1, { stage: 'won' }))], 1);
    await store().dropGeneration(ref);
    for (const read of [
      store().get(ref, 'deals', 'a'),
      store().getMany(ref, 'deals', ['a']),
      store().find(ref, 'deals', { where: { stage: 'won' } }),
      store().count(ref, 'deals'),
      store().find(ref, 'never-written'),
    ]) {
      const error = await read.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isGenerationGone(error)).toBe(true);
    }
    await store().ensureGeneration(ref, []);
    expect(await store().find(ref, 'deals')).toEqual([]);
  });
}
