import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { openEventStore } from '@sales/platform';
import { startAppWith } from './support/app-with-options.js';
import { countingSubscriptions } from './support/counting-event-store.js';
import { bearer } from './support/keys.js';
import { openTail, SseTail } from './support/sse-client.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
type Item = {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
};

async function settles(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe.each(STORE_TARGETS)('event feed on $name', (target) => {
  let api: TestApp;
  let port: number;
  let subscriptions: () => number;
  let stopStore: () => Promise<void>;
  const data = tempDataDir();
  const run = `f${Date.now()}`;
  let n = 0;

  const capture = async () => {
    const res = await api
      .http()
      .post('/v1/leads')
      .set(svc)
      .send({ leadId: `${run}-${++n}`, source: 'web', company: `Co ${n}`, ownerId: 'rep-1' });
    expect(res.status).toBe(201);
    return res.body.position as number;
  };
  const feed = (query: string, headers: Record<string, string> = svc) =>
    api.http().get(`/v1/events${query}`).set(headers);

  beforeAll(async () => {
    const started = await target.start();
    stopStore = started.stop;
    const config = testConfig(data.dir, started.eventStoreUrl);
    const counting = countingSubscriptions(await openEventStore(config));
    subscriptions = counting.open;
    api = await startAppWith(config, { eventStore: counting.store });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await api.close();
    await stopStore();
    data.remove();
  });

  it('gives a service key the log from the start to the head, page by page, in order', async () => {
    const positions = [await capture(), await capture(), await capture()];
    const items: Item[] = [];
    // No `after`: from the start (EventStoreDB numbers its first event 0).
    let after: number | null = null;
    for (let page = 0; page < 100; page++) {
      const res = await feed(`?limit=2${after === null ? '' : `&after=${after}`}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      if (res.body.items.length === 0) break;
      expect(res.body.nextAfter).toBe(res.body.items.at(-1).position);
      after = res.body.nextAfter;
    }
    const seen = items.map((i) => i.position);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe(positions[2]);
    expect(items[0]).toMatchObject({ stream: 'pipeline-default', type: 'PipelineDefined', revision: 1 });
    const lead = items.find((i) => i.stream === `lead-${run}-1`);
    expect(lead).toMatchObject({
      position: positions[0],
      revision: 1,
      type: 'LeadCaptured',
      occurredAt: expect.stringMatching(/Z$/),
      recordedAt: expect.stringMatching(/Z$/),
      data: { leadId: `${run}-1`, company: 'Co 1' },
      metadata: { principal: 'orders-service', hash: expect.any(String) },
    });
    // The engine's own audit stream is not part of the feed.
    expect(items.some((i) => i.stream.startsWith('audit-'))).toBe(false);
  });

  it('filters by type and stream prefix, and pages past events the filter skips', async () => {
    const first = await capture();
    await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ dealId: `${run}-d`, title: 'T', accountId: 'a', ownerId: 'rep-1', amount: 1 });
    const last = await capture();
    const leads = await feed(`?after=${first - 1}&types=LeadCaptured,DealWon&streamPrefix=lead-${run}`);
    expect(leads.body.items.map((i: Item) => i.position)).toEqual([first, last]);
    const deals = await feed(`?after=${first - 1}&streamPrefix=deal-`);
    expect(deals.body.items.map((i: Item) => i.type)).toEqual(['DealOpened']);
    const none = await feed(`?after=${first - 1}&streamPrefix=audit-`);
    expect(none.body.items).toEqual([]);
  });

  it('refuses bad parameters with VALIDATION_FAILED and every bad field, and other roles', async () => {
    const bad = await feed('?after=-1&limit=0&types=Deal Won&streamPrefix=a%20b&extra=1');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['after', 'extra', 'limit', 'streamPrefix', 'types'].sort(),
    );
    expect((await feed('?limit=1001')).status).toBe(400);
    expect((await feed('', bearer('analyst'))).status).toBe(403);
    expect((await feed('', bearer('auditor'))).status).toBe(200);
    expect((await api.http().get('/v1/events')).status).toBe(401);
    const badId = await feed('', { ...svc, Accept: 'text/event-stream', 'Last-Event-ID': 'abc' });
    expect(badId.status).toBe(400);
    expect(badId.body.details[0].field).toBe('Last-Event-ID');
  });

  it('tails live: commands after connecting arrive in order, and a dropped tail resumes without gap or duplicate', async () => {
    const before = subscriptions();
    const head = await capture();
    const tail = await openTail(port, `/v1/events?after=${head}&streamPrefix=lead-`, svc);
    expect(tail.status).toBe(200);
    expect(tail.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(tail.headers['x-content-type-options']).toBe('nosniff');
    expect(tail.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(tail.headers['cache-control']).toBe('no-store');
    await settles(() => subscriptions() === before + 1);
    const sent = [await capture(), await capture(), await capture()];
    const got = await tail.waitFor(3);
    expect(got.map((m) => Number(m.id))).toEqual(sent);
    expect(got.map((m) => (JSON.parse(m.data) as Item).position)).toEqual(sent);
    tail.close();
    await settles(() => subscriptions() === before);

    const whileAway = [await capture(), await capture()];
    const resumed: SseTail = await openTail(port, `/v1/events?after=0&streamPrefix=lead-`, {
      ...svc,
      'Last-Event-ID': got[2].id as string,
    });
    const after = [await capture()];
    const more = await resumed.waitFor(3);
    expect(more.map((m) => Number(m.id))).toEqual([...whileAway, ...after]);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.messages).toHaveLength(3);
    resumed.close();
    await settles(() => subscriptions() === before);
  });

  it('ends open tails when the app closes, so that a stream never holds a shutdown', async () => {
    const tail = await openTail(port, '/v1/events?streamPrefix=lead-', svc);
    await tail.waitFor(1);
    await api.close();
    closed = true;
    await settles(() => tail.ended);
    expect(subscriptions()).toBe(0);
  });
});
