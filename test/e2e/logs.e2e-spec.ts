import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type EngineProcess, startEngine } from './support/engine-process.js';
import { tempDataDir } from './support/store-targets.js';

// The built API as an operator runs it (stdout not a terminal: JSON lines), driven with keys that
// must never show in its output, whatever header or place a client put them in.
const KEYS = {
  service: 'sk_logtest_service_7f3a9c1e',
  admin: 'sk_logtest_admin_b52d04aa',
  unknown: 'sk_logtest_unknown_e91c7d33',
};

describe('logs of a run', () => {
  let engine: EngineProcess;
  const data = tempDataDir();
  const http = () => request(engine.url);
  const records = () =>
    engine
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string });

  beforeAll(async () => {
    engine = await startEngine({
      SALES_DATA_DIR: data.dir,
      SALES_API_KEYS: `orders:service:${KEYS.service},ops:admin:${KEYS.admin}`,
      LOG_LEVEL: 'debug',
    });
  });
  afterAll(async () => {
    await engine.stop();
    data.remove();
  });

  it('writes one JSON record per request with its request id and the command correlation id, and no key', async () => {
    const svc = { Authorization: `Bearer ${KEYS.service}` };
    const opened = await http()
      .post('/v1/deals')
      .set(svc)
      .set('X-Correlation-Id', 'order-4711')
      .set('X-Request-Id', 'edge-req-1')
      .send({ dealId: 'L1', title: 'T', accountId: 'acme', ownerId: 'ann', amount: 5 });
    expect(opened.status).toBe(201);
    expect(opened.headers['x-request-id']).toBe('edge-req-1');
    const moved = await http().post('/v1/deals/L1/stage').set(svc).send({ stageId: 'quote' });
    expect(moved.status).toBe(201);
    // Keys where they do not belong: refused, and still never written anywhere.
    expect((await http().get('/v1/deals/L1').set('Authorization', `Bearer ${KEYS.unknown}`)).status).toBe(
      401,
    );
    expect((await http().get('/v1/deals/L1').set('X-Api-Key', KEYS.admin)).status).toBe(401);
    expect((await http().get(`/v1/deals/L1?api_key=${KEYS.admin}`).set(svc)).status).toBe(400);
    await http()
      .get('/v1/deals/L1')
      .set('Authorization', `Basic ${Buffer.from(`ops:${KEYS.admin}`).toString('base64')}`);
    const history = await http().get('/v1/deals/L1/history').set('Authorization', `Bearer ${KEYS.admin}`);
    expect(history.status).toBe(200);
    await new Promise((done) => setTimeout(done, 300));

    const lines = records();
    const completed = lines.filter((r) => r.msg === 'request completed');
    const first = completed.find((r) => r.reqId === 'edge-req-1');
    expect(first).toMatchObject({
      level: 30,
      name: 'sales-api',
      method: 'POST',
      path: '/v1/deals',
      route: '/v1/deals',
      statusCode: 201,
      principal: 'orders',
      correlationId: 'order-4711',
    });
    expect(typeof first!.time).toBe('string');
    // Without X-Correlation-Id, the one the command recorded in its event's metadata.
    const second = completed.find((r) => r.route === '/v1/deals/:dealId/stage');
    expect(second!.correlationId).toBe(history.body.at(-1).correlationId);
    expect(second!.reqId).toBe(moved.headers['x-request-id']);
    expect(completed.filter((r) => r.statusCode === 401).length).toBeGreaterThanOrEqual(3);

    const output = engine.output();
    for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
    expect(output).not.toContain(Buffer.from(`ops:${KEYS.admin}`).toString('base64'));
  });
});
