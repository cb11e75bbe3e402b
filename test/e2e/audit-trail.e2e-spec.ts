import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { EventStore, NewEvent, SqliteEventStore } from '@sales/event-store';
import { bearer, KEYS } from './support/keys.js';
import { manualClock, startAppWith } from './support/app-with-options.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig } from './support/test-app.js';

type AuditItem = {
  stream: string;
  revision: number;
  type: string;
  recordedAt: string;
  principal: string;
  actorId: string | null;
  data: Record<string, unknown>;
  hash: string;
};

const auditor = bearer('auditor');

describe("the engine's own audit trail", () => {
  let api: Awaited<ReturnType<typeof startAppWith>>;
  const data = tempDataDir();
  const clock = manualClock('2026-03-01T10:00:00.000Z');

  const events = async (query: string) => {
    await api.auditLog.flush();
    const response = await api.http().get(`/v1/audit/events?${query}`).set(auditor);
    expect(response.status).toBe(200);
    return response.body as { items: AuditItem[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    api = await startAppWith(testConfig(data.dir, null), { clock });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('records every refused request: who (or nobody), on whose behalf, what, why, from where', async () => {
    expect((await api.http().get('/v1/deals/x?asOf=2026-01-01').set('X-Actor-Id', 'mgr-7')).status).toBe(401);
    expect((await api.http().post('/v1/deals').set('Authorization', 'Bearer nope').send({})).status).toBe(
      401,
    );
    expect(
      (await api.http().get('/v1/audit/events').set(bearer('analyst')).set('X-Actor-Id', 'ann')).status,
    ).toBe(403);
    const { items } = await events('type=AccessDenied');
    expect(items.map((i) => i.data)).toEqual([
      {
        occurredAt: '2026-03-01T10:00:00.000Z',
        principal: null,
        actorId: 'mgr-7',
        method: 'GET',
        path: '/v1/deals/x',
        status: 401,
        reason: 'missing API key',
        ip: expect.stringMatching(/127\.0\.0\.1$/),
      },
      expect.objectContaining({
        principal: null,
        method: 'POST',
        path: '/v1/deals',
        reason: 'unknown API key',
      }),
      expect.objectContaining({
        principal: 'bi-analyst',
        actorId: 'ann',
        status: 403,
        reason: 'role analyst may not call this route',
      }),
    ]);
    expect(items[2]).toMatchObject({ stream: 'audit-2026-03-01', principal: 'bi-analyst', actorId: 'ann' });
    const verified = await api.http().get('/v1/audit/verify?stream=audit-2026-03-01').set(auditor);
    expect(verified.body).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('turns a flood of refusals into a few events and one summary per key and minute', async () => {
    clock.set('2026-03-01T11:00:00.000Z');
    for (let i = 0; i < 60; i++) {
      expect((await api.http().get('/v1/deals/x').set('Authorization', `Bearer guess-${i}`)).status).toBe(
        401,
      );
    }
    const flood = await events('from=2026-03-01T11:00:00Z&limit=1000');
    const denied = flood.items.filter((i) => i.type === 'AccessDenied');
    const summaries = flood.items.filter((i) => i.type === 'AccessDeniedSuppressed');
    expect(denied).toHaveLength(10);
    expect(summaries).toHaveLength(1);
    expect(summaries[0].data).toMatchObject({
      count: 50,
      principal: null,
      ip: expect.stringMatching(/127\.0\.0\.1$/),
      lastPath: '/v1/deals/x',
      lastStatus: 401,
    });
  });

  it('records an accepted projection rebuild with who asked; a refused one is an AccessDenied', async () => {
    clock.set('2026-03-01T12:00:00.000Z');
    const accepted = await api
      .http()
      .post('/v1/projections/deals/rebuild')
      .set(bearer('analyst'))
      .set('X-Actor-Id', 'bo');
    expect(accepted.status).toBe(202);
    expect((await api.http().post('/v1/projections/deals/rebuild').set(bearer('service'))).status).toBe(403);
    const { items } = await events('from=2026-03-01T12:00:00Z');
    expect(items.map((i) => [i.type, i.principal])).toEqual([
      ['ProjectionRebuildRequested', 'bi-analyst'],
      ['AccessDenied', 'orders-service'],
    ]);
    expect(items[0]).toMatchObject({
      actorId: 'bo',
      data: { projection: 'deals', method: 'POST', path: '/v1/projections/deals/rebuild', status: 202 },
    });
  });

  it('pages by cursor, filters by period and type, and refuses a bad period or cursor', async () => {
    const all = await events('from=2026-03-01&to=2026-03-02&limit=1000');
    expect(all.items.length).toBeGreaterThanOrEqual(15);
    const seen: AuditItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AuditItem[]; nextCursor: string | null } = await events(
        `from=2026-03-01&to=2026-03-02&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.revision)).toEqual(all.items.map((i) => i.revision));
    expect((await events('from=2026-03-02&to=2026-03-03')).items).toEqual([]);
    for (const bad of [
      'from=2026-03-02&to=2026-03-01',
      'cursor=abc',
      'limit=0',
      'limit=1001',
      'type=Nope',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      const response = await api.http().get(`/v1/audit/events?${bad}`).set(auditor);
      expect({ bad, status: response.status, code: response.body.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});

// Appends to audit streams fail, or hang, on demand; everything else goes to SQLite.
class FlakyAuditStore implements EventStore {
  mode: 'fail' | 'hang' | 'ok' = 'ok';
  private readonly hanging: (() => void)[] = [];
  constructor(private readonly inner: EventStore) {}
  append(stream: string, events: NewEvent[], expected: number | 'any') {
    if (stream.startsWith('audit-') && this.mode === 'fail') return Promise.reject(new Error('disk on fire'));
    if (stream.startsWith('audit-') && this.mode === 'hang') {
      return new Promise<never>((_, reject) => this.hanging.push(() => reject(new Error('gave up'))));
    }
    return this.inner.append(stream, events, expected);
  }
  release() {
    for (const reject of this.hanging.splice(0)) reject();
  }
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readFacts: EventStore['readFacts'] = (...args) => this.inner.readFacts(...args);
  subscribe: EventStore['subscribe'] = (...args) => this.inner.subscribe(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close: EventStore['close'] = () => this.inner.close();
}

describe('auditing never blocks or fails a request', () => {
  const data = tempDataDir();
  let api: Awaited<ReturnType<typeof startAppWith>>;
  let store: FlakyAuditStore;

  beforeAll(async () => {
    store = new FlakyAuditStore(new SqliteEventStore(join(data.dir, 'events.db')));
    api = await startAppWith(testConfig(data.dir, null), { eventStore: store });
  });
  afterAll(async () => {
    store.release();
    await api.close();
    data.remove();
  });

  it('answers refused requests as usual while audit appends fail, and counts what it lost', async () => {
    store.mode = 'fail';
    for (let i = 0; i < 3; i++) expect((await api.http().get('/v1/deals/x')).status).toBe(401);
    expect((await api.http().get('/v1/deals/x').set(bearer('service'))).status).toBe(404);
    await api.auditLog.flush();
    expect(api.auditLog.failures).toBe(3);
  }, 20_000);

  it('answers at once while audit appends hang', async () => {
    store.mode = 'hang';
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect((await api.http().get('/v1/deals/x')).status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await api.http().get('/health/live')).status).toBe(200);
    store.mode = 'ok';
    store.release();
  });
});

describe('a first start without SALES_API_KEYS', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('records the creation of the admin key (never the key itself)', async () => {
    const { createApp } = await import('../../apps/api/src/create-app.js');
    const { app, createdKey, auditLog } = await createApp(
      { ...testConfig(data.dir, null), apiKeys: null },
      { logger: false },
    );
    try {
      await app.getHttpAdapter().getInstance().ready();
      await auditLog.flush();
      const request = (await import('supertest')).default;
      const response = await request(app.getHttpServer())
        .get('/v1/audit/events?type=ApiKeyCreated')
        .set('Authorization', `Bearer ${createdKey}`);
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0].data).toMatchObject({ name: 'admin', role: 'admin' });
      expect(JSON.stringify(response.body)).not.toContain(String(createdKey));
      expect(KEYS.admin).not.toBe(createdKey);
    } finally {
      await app.close();
    }
  });
});
