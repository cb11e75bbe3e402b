import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { sqliteTarget, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const json = { ...svc, 'Content-Type': 'application/json' };
const deal = { title: 'T', accountId: 'acme', ownerId: 'rep-1', amount: 10 };

// Input handling is the HTTP layer's, the same on every store: run on the embedded one.
describe('bad input gets a 4xx with a code, never a 500', () => {
  let api: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    const { eventStoreUrl } = await sqliteTarget.start();
    api = await startApp(testConfig(data.dir, eventStoreUrl));
    await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ ...deal, dealId: 'known', occurredAt: '2026-03-01T00:00:00.000Z' });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  const raw = (path: string, body: string, headers: Record<string, string> = json) =>
    api.http().post(path).set(headers).send(body);

  it.each([
    ['garbage JSON', '{"title": "T",', 400, 'INVALID_JSON'],
    ['truncated JSON', '{', 400, 'INVALID_JSON'],
    ['a JSON array', '[1,2,3]', 400, 'VALIDATION_FAILED'],
    ['a JSON string', '"deal"', 400, 'VALIDATION_FAILED'],
    ['JSON null', 'null', 400, 'VALIDATION_FAILED'],
    ['prototype pollution', '{"__proto__": {"admin": true}, "title": "T"}', 400, 'INVALID_JSON'],
  ])('%s', async (_name, body, status, code) => {
    const response = await raw('/v1/deals', body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, code });
  });

  it('rejects unknown fields and lists every bad field', async () => {
    const response = await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ ...deal, amount: 'ten', ownerId: 'bad id!', colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'amount',
      'colour',
      'ownerId',
    ]);
  });

  it.each([
    ['negative amount', { ...deal, amount: -1 }, 'amount'],
    ['three decimals', { ...deal, amount: 1.005 }, 'amount'],
    ['amount too large', { ...deal, amount: 1e16 }, 'amount'],
    ['title too long', { ...deal, title: 'x'.repeat(201) }, 'title'],
    ['empty title', { ...deal, title: '' }, 'title'],
    ['id with spaces', { ...deal, dealId: 'a b' }, 'dealId'],
    ['id too long', { ...deal, dealId: 'x'.repeat(65) }, 'dealId'],
    ['null for an optional field', { ...deal, source: null }, 'source'],
    ['bad close date', { ...deal, expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
    ['timestamp without zone', { ...deal, occurredAt: '2026-03-01T10:00:00' }, 'occurredAt'],
    ['impossible timestamp', { ...deal, occurredAt: '2026-13-01T10:00:00Z' }, 'occurredAt'],
    ['number as title', { ...deal, title: 42 }, 'title'],
    ['object as amount', { ...deal, amount: { value: 1 } }, 'amount'],
  ])('%s → 400 naming the field', async (_name, body, field) => {
    const response = await api.http().post('/v1/deals').set(svc).send(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses stage ids and probabilities out of range in a pipeline', async () => {
    const put = (body: object) => api.http().put('/v1/pipelines/p1').set(svc).send(body);
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, probability: 0.5 }));
    expect((await put({ name: 'P', stages: tooMany })).status).toBe(400);
    expect((await put({ name: 'P', stages: [] })).status).toBe(400);
    const badProbability = await put({ name: 'P', stages: [{ id: 'a', name: 'A', probability: 1.5 }] });
    expect(badProbability.status).toBe(400);
    expect(badProbability.body.details[0].field).toBe('stages.0.probability');
    const duplicate = await put({
      name: 'P',
      stages: [
        { id: 'a', name: 'A', probability: 0.5 },
        { id: 'a', name: 'B', probability: 0.6 },
      ],
    });
    expect(duplicate.status).toBe(400);
    const extra = await put({ name: 'P', stages: [{ id: 'a', name: 'A', probability: 0.5, colour: 'red' }] });
    expect(extra.status).toBe(400);
  });

  it('refuses occurredAt more than 5 minutes ahead (422) and before the entity’s latest (422)', async () => {
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const ahead = await api
      .http()
      .post('/v1/deals/known/activities')
      .set(svc)
      .send({ type: 'call', occurredAt: future });
    expect(ahead.status).toBe(422);
    expect(ahead.body.code).toBe('OCCURRED_IN_FUTURE');
    const slightlyAhead = new Date(Date.now() + 60_000).toISOString();
    expect(
      (
        await api
          .http()
          .post('/v1/deals/known/activities')
          .set(svc)
          .send({ type: 'call', occurredAt: slightlyAhead })
      ).status,
    ).toBe(201);
    const early = await api
      .http()
      .post('/v1/deals/known/activities')
      .set(svc)
      .send({ type: 'call', occurredAt: '2026-02-01T00:00:00.000Z' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('OUT_OF_ORDER');
  });

  it('answers 404 with a code for missing entities and 422 for unknown references', async () => {
    const missing = await api.http().post('/v1/deals/nobody/stage').set(svc).send({ stageId: 'quote' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DEAL_NOT_FOUND');
    const pipeline = await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ ...deal, pipelineId: 'nope' });
    expect(pipeline.status).toBe(422);
    expect(pipeline.body.code).toBe('UNKNOWN_PIPELINE');
    const lead = await api.http().get('/v1/leads/nobody').set(svc);
    expect(lead.status).toBe(404);
    expect(lead.body.code).toBe('LEAD_NOT_FOUND');
    const route = await api.http().get('/v1/nothing-here').set(svc);
    expect(route.status).toBe(404);
    expect(route.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses a 2 MiB body with 413', async () => {
    const response = await raw('/v1/deals', JSON.stringify({ ...deal, title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses other content types with 415 and bad headers with 400', async () => {
    const text = await raw('/v1/deals', 'title=T', { ...svc, 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const actor = await api
      .http()
      .post('/v1/deals')
      .set({ ...svc, 'X-Actor-Id': 'bad actor' })
      .send(deal);
    expect(actor.status).toBe(400);
    const key = await api
      .http()
      .post('/v1/deals')
      .set({ ...svc, 'Idempotency-Key': 'x'.repeat(201) })
      .send(deal);
    expect(key.status).toBe(400);
    const asOf = await api.http().get('/v1/deals/known').query({ asOf: 'yesterday' }).set(svc);
    expect(asOf.status).toBe(400);
  });

  it('answers 401 without a key, 401 for an unknown key, 403 for a wrong role', async () => {
    const none = await api.http().post('/v1/deals').send(deal);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHORIZED');
    expect((await api.http().post('/v1/deals').set({ Authorization: 'Bearer nope' }).send(deal)).status).toBe(
      401,
    );
    expect((await api.http().post('/v1/deals').set({ Authorization: 'Basic abc' }).send(deal)).status).toBe(
      401,
    );
    const analyst = await api.http().post('/v1/deals').set(bearer('analyst')).send(deal);
    expect(analyst.status).toBe(403);
    expect(analyst.body.code).toBe('FORBIDDEN');
    expect((await api.http().get('/v1/deals/known').set(bearer('analyst'))).status).toBe(200);
    expect((await api.http().get('/v1/deals/known').set(bearer('auditor'))).status).toBe(200);
    expect((await api.http().get('/v1/deals/known/history').set(bearer('analyst'))).status).toBe(403);
    expect((await api.http().get('/v1/deals/known/history').set(bearer('admin'))).status).toBe(200);
    expect((await api.http().get('/health/live')).status).toBe(200);
    expect((await api.http().get('/health/ready')).status).toBe(200);
  });

  it('serves the OpenAPI document', async () => {
    const doc = await api.http().get('/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/deals', '/v1/deals/{dealId}/stage', '/v1/leads/{leadId}/convert']),
    );
    expect((await api.http().get('/docs')).status).toBe(200);
  });
});
