import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { startAppWith } from './support/app-with-options.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig } from './support/test-app.js';

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': expect.stringContaining('max-age='),
  'content-security-policy': expect.stringContaining("default-src 'none'"),
  'cache-control': 'no-store',
};

describe('transport security', () => {
  let api: Awaited<ReturnType<typeof startAppWith>>;
  const data = tempDataDir();

  beforeAll(async () => {
    api = await startAppWith(testConfig(data.dir, null), {
      security: { rateLimitPerMinute: 5, corsOrigins: [] },
    });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it.each([
    ['an answer', '/health/live', 200],
    ['a refusal', '/v1/deals/x', 401],
    ['an unknown route', '/v1/nowhere', 404],
    ['a malformed URL', '/v1/deals/%', 400],
    ['the OpenAPI document', '/docs-json', 200],
  ])('security headers on %s, and no CORS headers', async (_name, path, status) => {
    const response = await api.http().get(path).set('Origin', 'https://evil.example');
    expect(response.status).toBe(status);
    expect(response.headers).toMatchObject(API_HEADERS);
    expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('lets Swagger UI load its own scripts and styles, nothing else', async () => {
    const response = await api.http().get('/docs');
    expect(response.status).toBe(200);
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('answers errors with a code and a message, never a stack or an internal', async () => {
    for (const [path, body] of [
      ['/v1/deals', '{"title":'],
      ['/v1/deals', '{"__proto__":{"x":1}}'],
      ['/v1/deals/%E0%A4%A', '{}'],
    ]) {
      const response = await api
        .http()
        .post(path)
        .set({ ...bearer('admin'), 'Content-Type': 'application/json' })
        .send(body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(Object.keys(response.body).sort()).toEqual(
        expect.arrayContaining(['code', 'message', 'statusCode']),
      );
      expect(JSON.stringify(response.body)).not.toMatch(/ at |node_modules|\.ts:|\.js:|stack|FST_/);
    }
  });

  it('limits requests per API key with 429 RATE_LIMITED and Retry-After; never /health', async () => {
    for (let i = 0; i < 5; i++)
      expect((await api.http().get('/v1/deals/x').set(bearer('service'))).status).toBe(404);
    const limited = await api.http().get('/v1/deals/x').set(bearer('service'));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers).toMatchObject(API_HEADERS);
    // another key has its own bucket
    expect((await api.http().get('/v1/deals/x').set(bearer('analyst'))).status).toBe(404);
    for (let i = 0; i < 20; i++) expect((await api.http().get('/health/ready')).status).toBe(200);
  });
});

describe('CORS with SALES_CORS_ORIGINS', () => {
  let api: Awaited<ReturnType<typeof startAppWith>>;
  const data = tempDataDir();

  beforeAll(async () => {
    api = await startAppWith(testConfig(data.dir, null), {
      security: { rateLimitPerMinute: null, corsOrigins: ['https://app.example.com'] },
    });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('answers a listed origin, preflight included', async () => {
    const preflight = await api
      .http()
      .options('/v1/deals')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    const read = await api
      .http()
      .get('/v1/deals/x')
      .set(bearer('service'))
      .set('Origin', 'https://app.example.com');
    expect(read.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(read.headers.vary).toContain('Origin');
  });

  it('gives any other origin nothing', async () => {
    const preflight = await api
      .http()
      .options('/v1/deals')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    // @fastify/cors answers every preflight (204); without an allow-origin for it, a browser
    // refuses the request all the same.
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const read = await api
      .http()
      .get('/v1/deals/x')
      .set(bearer('service'))
      .set('Origin', 'https://evil.example');
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});
