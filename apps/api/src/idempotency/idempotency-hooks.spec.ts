import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeys } from '../auth/api-keys.js';
import { toErrorBody } from '../errors/error-response.js';
import { registerIdempotency } from './idempotency-hooks.js';
import type { IdempotencyStore } from './idempotency-store.port.js';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store.js';

const keys = ApiKeys.fromSpecs([{ name: 'svc', role: 'service', secret: 'svc-secret' }]);
const headers = (key: string) => ({ authorization: 'Bearer svc-secret', 'idempotency-key': key });

// The hooks on a bare Fastify app with the engine's error bodies: what reaches the store, and what
// the client gets when the store fails.
describe('idempotency hooks', () => {
  let dir: string;
  let store: SqliteIdempotencyStore;
  let runs: number;

  const apps: ReturnType<typeof Fastify>[] = [];
  const appOn = (target: IdempotencyStore) => {
    const app = Fastify();
    app.setErrorHandler((error, _request, reply) => {
      const body = toErrorBody(error);
      void reply.code(body.statusCode).send(body);
    });
    registerIdempotency(app, keys, target, 300);
    app.post('/ok', async (_request, reply) => reply.code(201).send({ run: ++runs }));
    app.post('/refused', async (_request, reply) => reply.code(422).send({ run: ++runs }));
    apps.push(app);
    const ready = app.ready();
    return async (url: string, key: string, body: object = {}) => {
      await ready;
      return request(app.server).post(url).set(headers(key)).send(body);
    };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sales-idem-hooks-'));
    store = new SqliteIdempotencyStore(join(dir, 'idempotency.db'));
    runs = 0;
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a command once per key, replays it as 200, and runs a refused one again', async () => {
    const post = appOn(store);
    const first = await post('/ok', 'a', { x: 1 });
    const again = await post('/ok', 'a', { x: 1 });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toEqual({ run: 1 });
    const refused = () => post('/refused', 'b');
    expect((await refused()).body).toEqual({ run: 2 });
    expect((await refused()).body).toEqual({ run: 3 });
  });

  it('answers 503 SERVICE_UNAVAILABLE, running nothing, when the store cannot be reached', async () => {
    const down: IdempotencyStore = {
      claim: () => Promise.reject(new Error('connection refused')),
      complete: (claim, response) => store.complete(claim, response),
      release: (claim) => store.release(claim),
      close: async () => undefined,
    };
    const response = await appOn(down)('/ok', 'c');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(runs).toBe(0);
  });

  it('delivers the response of a command whose outcome could not be stored, and keeps the key held', async () => {
    const flaky: IdempotencyStore = {
      claim: (scope, fingerprint) => store.claim(scope, fingerprint),
      complete: () => Promise.reject(new Error('connection reset')),
      release: (claim) => store.release(claim),
      close: async () => undefined,
    };
    const post = appOn(flaky);
    const first = await post('/ok', 'd', {});
    expect(first.status).toBe(201);
    const retry = await post('/ok', 'd', {});
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
    expect(runs).toBe(1);
  });
});
