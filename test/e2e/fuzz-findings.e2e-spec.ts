import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { startAppWith } from './support/app-with-options.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig } from './support/test-app.js';

// What the fuzzer (fuzz.e2e-spec.ts) found, pinned down so that it stays fixed.
describe('fuzz findings', () => {
  let api: Awaited<ReturnType<typeof startAppWith>>;
  const data = tempDataDir();
  const json = { ...bearer('admin'), 'Content-Type': 'application/json' };

  beforeAll(async () => {
    api = await startAppWith(testConfig(data.dir, null), { security: { rateLimitPerMinute: null } });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  // class-validator's maxDecimalPlaces threw on the exponent form of tiny numbers: a 500.
  it.each([[5e-324], [-3e-323], [1e-7], [1.5e-3]])('amount %s → 400, not 500', async (amount) => {
    const body = `{"title":"T","accountId":"a","ownerId":"r","amount":${amount}}`;
    const response = await api.http().post('/v1/deals').set(json).send(body);
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['amount']);
  });

  it('still takes amounts with up to 2 decimals, large ones included', async () => {
    for (const amount of [0, 0.5, 12.34, 1e13]) {
      const response = await api
        .http()
        .post('/v1/deals')
        .set(json)
        .send({ title: 'T', accountId: 'a', ownerId: 'r', amount });
      expect({ amount, status: response.status }).toEqual({ amount, status: 201 });
    }
  });

  // An empty route parameter made the preHandler hooks run twice on one request: with an
  // Idempotency-Key the request waited for itself, forever, and so did every retry.
  it.each([
    ['PUT', '/v1/quotas/rep-1/'],
    ['POST', '/v1/deals//stage'],
    ['PUT', '/v1/pipelines/'],
  ])('%s %s with an Idempotency-Key → 404 at once, and again on retry', async (method, path) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await api
        .http()
        [method.toLowerCase() as 'put'](path)
        .set({ ...json, 'Idempotency-Key': `empty-param-${method}` })
        .send({ amount: 1 })
        .timeout(3000);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  // The router's own refusals used Fastify's body ({code: 'FST_ERR_BAD_URL', error, message}).
  it('a malformed URL gets the contract error body', async () => {
    const response = await api.http().get('/v1/deals/%E0%A4%A').set(bearer('service'));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
    });
  });
});
