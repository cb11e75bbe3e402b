import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { manualClock } from './support/app-with-options.js';
import { sqliteTarget, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const auditor = bearer('auditor');

// Business time (asOf: when it happened) and recorded time (knownAt: when the engine learnt it).
// The deal's stage move happened on March 1st at noon but was only recorded on March 2nd.
describe('bitemporal entity reads: asOf × knownAt', () => {
  let api: TestApp;
  const data = tempDataDir();
  const clock = manualClock('2026-03-01T10:00:00.000Z');
  const get = (path: string) => api.http().get(path).set(svc);

  beforeAll(async () => {
    api = await startApp(testConfig(data.dir, (await sqliteTarget.start()).eventStoreUrl), clock);
    const created = (response: { status: number }) => expect(response.status).toBe(201);
    created(
      await api
        .http()
        .post('/v1/deals')
        .set(svc)
        .send({ dealId: 'bt', title: 'T', accountId: 'acme', ownerId: 'rep-1', amount: 100 }),
    );
    created(
      await api
        .http()
        .post('/v1/leads')
        .set(svc)
        .send({ leadId: 'bt-lead', source: 'web', company: 'A', ownerId: 'r' }),
    );
    clock.set('2026-03-02T10:00:00.000Z');
    created(
      await api
        .http()
        .post('/v1/deals/bt/stage')
        .set(svc)
        .send({ stageId: 'quote', occurredAt: '2026-03-01T12:00:00.000Z' }),
    );
    created(await api.http().post('/v1/leads/bt-lead/activities').set(svc).send({ type: 'call' }));
    clock.set('2026-03-05T10:00:00.000Z');
    created(await api.http().patch('/v1/deals/bt').set(svc).send({ amount: 200 }));
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it.each([
    ['now', '', 'quote', 200, 3],
    ['knownAt before the late record', '?knownAt=2026-03-01T23:00:00Z', 'prospecting', 100, 1],
    ['knownAt as a bare date (its 00:00Z)', '?knownAt=2026-03-03', 'quote', 100, 2],
    ['asOf before the move', '?asOf=2026-03-01T11:00:00Z', 'prospecting', 100, 1],
    ['asOf after the move, as known now', '?asOf=2026-03-01T13:00:00Z', 'quote', 100, 2],
    [
      'asOf after the move, as known before it was recorded',
      '?asOf=2026-03-01T13:00:00Z&knownAt=2026-03-01T23:00:00Z',
      'prospecting',
      100,
      1,
    ],
    ['knownAt with an offset', '?knownAt=2026-03-02T11:00:00%2B01:00', 'quote', 100, 2],
  ])('%s', async (_name, query, stageId, amount, version) => {
    const response = await get(`/v1/deals/bt${query}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ stageId, amount, version });
  });

  it('a deal not yet recorded at knownAt is not found, and says why', async () => {
    const response = await get('/v1/deals/bt?knownAt=2026-03-01T09:00:00Z');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'DEAL_NOT_FOUND' });
    expect(response.body.message).toContain('as known at 2026-03-01T09:00:00.000Z');
  });

  it('leads take knownAt too', async () => {
    expect((await get('/v1/leads/bt-lead?knownAt=2026-03-01T23:00:00Z')).body).toMatchObject({
      activityCount: 0,
    });
    expect((await get('/v1/leads/bt-lead')).body).toMatchObject({ activityCount: 1 });
  });

  it('history is cut by knownAt and asOf alike', async () => {
    const revisions = async (query: string) => {
      const response = await api.http().get(`/v1/deals/bt/history${query}`).set(auditor);
      expect(response.status).toBe(200);
      return (response.body as { revision: number }[]).map((e) => e.revision);
    };
    expect(await revisions('')).toEqual([1, 2, 3]);
    expect(await revisions('?knownAt=2026-03-03')).toEqual([1, 2]);
    expect(await revisions('?asOf=2026-03-01T11:00:00Z')).toEqual([1]);
    expect(await revisions('?asOf=2026-03-04&knownAt=2026-03-01T23:00:00Z')).toEqual([1]);
    const lead = await api.http().get('/v1/leads/bt-lead/history?knownAt=2026-03-01T23:00:00Z').set(auditor);
    expect((lead.body as unknown[]).length).toBe(1);
  });

  it.each([
    ['knownAt=2026-02-30', 'knownAt=2026-02-30'],
    ['knownAt=2026-13-01', 'knownAt=2026-13-01'],
    ['knownAt=yesterday', 'knownAt=yesterday'],
    ['knownAt=2026-03-01T25:00:00Z', 'knownAt=2026-03-01T25:00:00Z'],
    ['knownAt without a zone', 'knownAt=2026-03-01T10:00:00'],
    ['asOf=2026-02-30', 'asOf=2026-02-30'],
    ['a 5000-digit knownAt', `knownAt=${'9'.repeat(5000)}`],
  ])('%s → 400 naming the field', async (_name, query) => {
    for (const path of [`/v1/deals/bt?${query}`, `/v1/deals/bt/history?${query}`]) {
      const response = await api.http().get(path).set(bearer('admin'));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(query.split('=')[0]);
    }
  });
});
