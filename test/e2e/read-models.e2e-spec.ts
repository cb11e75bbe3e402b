import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const analyst = bearer('analyst');

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(STORE_TARGETS)('read models over HTTP on $name', (target) => {
  let api: TestApp;
  let stopStore: () => Promise<void>;
  const data = tempDataDir();
  const run = `r${Date.now()}`;

  beforeAll(async () => {
    const started = await target.start();
    stopStore = started.stop;
    api = await startApp(testConfig(data.dir, started.eventStoreUrl));
  });
  afterAll(async () => {
    await api.close();
    await stopStore();
    data.remove();
  });

  it('lists deals by filter, pages by cursor, and reads its own writes with minPosition', async () => {
    let position = 0;
    for (let i = 0; i < 7; i++) {
      const owner = i % 2 ? 'rep-odd' : 'rep-even';
      const opened = await api
        .http()
        .post('/v1/deals')
        .set(svc)
        .send({
          dealId: `${run}-${i}`,
          title: `Deal ${i}`,
          accountId: 'acme',
          ownerId: owner,
          amount: 100 + i,
        });
      position = opened.body.position;
    }
    const moved = await api.http().post(`/v1/deals/${run}-3/stage`).set(svc).send({ stageId: 'quote' });
    const lost = await api
      .http()
      .post(`/v1/deals/${run}-5/close`)
      .set(svc)
      .send({ outcome: 'lost', reason: 'budget' });
    position = lost.body.position;
    expect(moved.status).toBe(201);

    const odd = await api
      .http()
      .get('/v1/deals')
      .query({ ownerId: 'rep-odd', minPosition: position })
      .set(analyst);
    expect(odd.status).toBe(200);
    expect(odd.body.items.map((d: { dealId: string }) => d.dealId)).toEqual([
      `${run}-1`,
      `${run}-3`,
      `${run}-5`,
    ]);
    expect(odd.body.items[1]).toMatchObject({
      stageId: 'quote',
      status: 'open',
      amount: 103,
      ownerId: 'rep-odd',
    });
    expect(odd.body.nextCursor).toBeNull();

    const openOdd = await api
      .http()
      .get('/v1/deals')
      .query({ ownerId: 'rep-odd', status: 'open', minPosition: position })
      .set(svc);
    expect(openOdd.body.items.map((d: { dealId: string }) => d.dealId)).toEqual([`${run}-1`, `${run}-3`]);
    const inQuote = await api
      .http()
      .get('/v1/deals')
      .query({ pipelineId: 'default', stageId: 'quote' })
      .set(svc);
    expect(inQuote.body.items.map((d: { dealId: string }) => d.dealId)).toEqual([`${run}-3`]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { dealId: string }[]; nextCursor: string | null } } = await api
        .http()
        .get('/v1/deals')
        .query(cursor ? { limit: 3, cursor } : { limit: 3 })
        .set(svc);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((d) => d.dealId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `${run}-${i}`));

    expect((await api.http().get('/v1/deals').query({ limit: 0 }).set(svc)).status).toBe(400);
    expect((await api.http().get('/v1/deals').query({ status: 'pending' }).set(svc)).status).toBe(400);
    expect((await api.http().get('/v1/deals').query({ cursor: '!!' }).set(svc)).status).toBe(400);
  });

  it('lists deals as they stood at a past date (asOf): their stage and status then, later ones absent', async () => {
    const owner = `${run}-asof`;
    const send = async (path: string, body: object) => {
      const response = await api.http().post(path).set(svc).send(body);
      expect(response.status).toBe(201);
      return response.body.position as number;
    };
    const deal = (key: string, occurredAt: string) =>
      send('/v1/deals', {
        dealId: `${owner}-${key}`,
        title: key,
        accountId: 'acme',
        ownerId: owner,
        amount: 10,
        occurredAt,
      });
    await deal('a', '2026-01-10T00:00:00Z');
    await send(`/v1/deals/${owner}-a/stage`, { stageId: 'quote', occurredAt: '2026-02-10T00:00:00Z' });
    await send(`/v1/deals/${owner}-a/close`, { outcome: 'won', occurredAt: '2026-03-10T00:00:00Z' });
    await deal('b', '2026-02-20T00:00:00Z');
    const position = await send(`/v1/deals/${owner}-b/stage`, {
      stageId: 'qualification',
      occurredAt: '2026-02-21T00:00:00Z',
    });
    const list = async (query: Record<string, string | number>) => {
      const response = await api
        .http()
        .get('/v1/deals')
        .query({ ownerId: owner, minPosition: position, ...query })
        .set(analyst);
      expect(response.status).toBe(200);
      return (response.body.items as { dealId: string; stageId: string; status: string }[]).map(
        (d) => `${d.dealId.slice(owner.length + 1)}:${d.stageId}:${d.status}`,
      );
    };
    expect(await list({ asOf: '2026-01-09' })).toEqual([]);
    expect(await list({ asOf: '2026-02-01' })).toEqual(['a:prospecting:open']);
    expect(await list({ asOf: '2026-02-15T00:00:00Z' })).toEqual(['a:quote:open']);
    expect(await list({ asOf: '2026-02-20T12:00:00+02:00' })).toEqual(['a:quote:open', 'b:prospecting:open']);
    expect(await list({ asOf: '2026-03-15', status: 'won' })).toEqual(['a:quote:won']);
    expect(await list({ asOf: '2026-03-15', stageId: 'qualification', pipelineId: 'default' })).toEqual([
      'b:qualification:open',
    ]);
    // paged as of the date as well, and today's list when asOf is now or later
    const first = await api
      .http()
      .get('/v1/deals')
      .query({ ownerId: owner, asOf: '2026-03-15', limit: 1 })
      .set(analyst);
    expect(first.body.items.map((d: { dealId: string }) => d.dealId)).toEqual([`${owner}-a`]);
    const second = await api
      .http()
      .get('/v1/deals')
      .query({ ownerId: owner, asOf: '2026-03-15', limit: 1, cursor: first.body.nextCursor })
      .set(analyst);
    expect(second.body.items.map((d: { dealId: string }) => d.dealId)).toEqual([`${owner}-b`]);
    expect(second.body.nextCursor).toBeNull();
    // a list item is the deal, without the store's own fields
    expect(Object.keys(second.body.items[0]).filter((key) => key.startsWith('_'))).toEqual([]);
    expect(await list({ asOf: '2999-01-01' })).toEqual(['a:quote:won', 'b:qualification:open']);
    for (const asOf of ['2026-02-30', 'yesterday', '2026-01-01T25:00:00Z'])
      expect((await api.http().get('/v1/deals').query({ asOf }).set(svc)).body.code).toBe(
        'VALIDATION_FAILED',
      );
  });

  it('answers 503 PROJECTION_LAGGING for a position the read models will not reach', async () => {
    const response = await api
      .http()
      .get('/v1/deals')
      .query({ minPosition: Number.MAX_SAFE_INTEGER })
      .set(svc);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('PROJECTION_LAGGING');
  }, 20_000);

  it('reports projections and rebuilds one blue/green while commands and queries go on', async () => {
    const list = await api.http().get('/v1/projections').set(analyst);
    expect(list.status).toBe(200);
    expect(list.body.map((p: { name: string }) => p.name)).toEqual([
      'deals',
      'leads',
      'reference',
      'stage-visits',
      'stage-outcomes',
      'accounts',
      'activities',
      'deal-changes',
    ]);
    for (const p of list.body) expect(p).toMatchObject({ status: 'live', lastError: null });
    expect((await api.http().get('/v1/projections').set(svc)).status).toBe(403);
    const before = list.body.find((p: { name: string }) => p.name === 'deals').generation;

    const rebuild = await api.http().post('/v1/projections/deals/rebuild').set(analyst);
    expect(rebuild.status).toBe(202);
    const failures: number[] = [];
    for (let i = 0; i < 20; i++) {
      const opened = await api
        .http()
        .post('/v1/deals')
        .set(svc)
        .send({ dealId: `${run}-rb-${i}`, title: 'R', accountId: 'a', ownerId: 'rep-rb', amount: 1 });
      const listed = await api
        .http()
        .get('/v1/deals')
        .query({ ownerId: 'rep-rb', minPosition: opened.body.position, limit: 500 })
        .set(svc);
      if (listed.status !== 200 || listed.body.items.length !== i + 1) failures.push(i);
    }
    expect(failures).toEqual([]);
    const after = await eventually(
      () => api.http().get('/v1/projections/deals').set(analyst),
      (r) => r.body.generation !== before && r.body.rebuild === null,
    );
    expect(after.body).toMatchObject({ status: 'live', generation: before + 1, rebuild: null });
    const all = await api.http().get('/v1/deals').query({ ownerId: 'rep-rb', limit: 500 }).set(svc);
    expect(all.body.items).toHaveLength(20);
    expect((await api.http().post('/v1/projections/nope/rebuild').set(analyst)).status).toBe(404);
  });
});
