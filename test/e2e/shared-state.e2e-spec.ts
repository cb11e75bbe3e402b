import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EsdbEventStore } from '@sales/event-store';
import { createApp } from '../../apps/api/src/create-app.js';
import { useMongoServer } from '../ferretdb/mongo-test-server.js';
import { GatedStore } from './support/gated-store.js';
import { esdbTarget, tempDataDir } from './support/store-targets.js';
import { testConfig } from './support/test-app.js';

// Two API processes as two machines would run them: one EventStoreDB (the protocol double), one
// MongoDB (FerretDB), a data directory each, no SALES_API_KEYS. Process A's appends to `gated`
// streams wait for the test, so that a request is known to be running on A while its duplicate
// reaches B.
const mongo = await useMongoServer('shared state across API processes');

if (mongo) {
  describe('shared state across API processes (EventStoreDB + MongoDB)', () => {
    type Api = {
      http: () => ReturnType<typeof request>;
      close: () => Promise<void>;
      createdKey: string | null;
      flushAudit: () => Promise<void>;
    };
    const dirs = [tempDataDir(), tempDataDir()];
    let stopEventStore: () => Promise<void>;
    let gate: GatedStore;
    let a: Api;
    let b: Api;
    let auth: { Authorization: string };

    beforeAll(async () => {
      const started = await esdbTarget.start();
      stopEventStore = started.stop;
      const config = (dir: string) => ({
        ...testConfig(dir, started.eventStoreUrl),
        mongodbUrl: mongo.url(),
        mongodbDb: mongo.dbName,
        apiKeys: null,
        projectors: 'external' as const,
      });
      gate = new GatedStore(new EsdbEventStore(started.eventStoreUrl!));
      const start = async (dir: string, eventStore?: GatedStore): Promise<Api> => {
        const { app, createdKey, auditLog } = await createApp(config(dir), { logger: false, eventStore });
        await app.getHttpAdapter().getInstance().ready();
        return {
          http: () => request(app.getHttpServer()),
          close: () => app.close(),
          createdKey,
          flushAudit: () => auditLog.flush(),
        };
      };
      [a, b] = await Promise.all([start(dirs[0].dir, gate), start(dirs[1].dir)]);
      auth = { Authorization: `Bearer ${a.createdKey ?? b.createdKey}` };
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await stopEventStore?.();
      for (const dir of dirs) dir.remove();
    });

    const post = (api: Api, url: string, key: string, body: object) =>
      api
        .http()
        .post(url)
        .set({ ...auth, 'Idempotency-Key': key })
        .send(body);
    const history = async (dealId: string) => {
      const response = await b.http().get(`/v1/deals/${dealId}/history`).set(auth);
      return response.status === 404 ? [] : (response.body as unknown[]);
    };

    it('generates one admin key for both processes, printed by one, kept in neither data directory', async () => {
      expect([a.createdKey, b.createdKey].filter(Boolean)).toHaveLength(1);
      for (const api of [a, b]) {
        expect((await api.http().get('/v1/session').set(auth)).body).toMatchObject({
          name: 'admin',
          role: 'admin',
        });
      }
      await Promise.all([a.flushAudit(), b.flushAudit()]);
      const created = await b.http().get('/v1/audit/events?type=ApiKeyCreated').set(auth);
      expect(created.body.items).toHaveLength(1);
      for (const { dir } of dirs) {
        expect(existsSync(join(dir, 'api-keys.json'))).toBe(false);
        expect(existsSync(join(dir, 'idempotency.db'))).toBe(false);
      }
    });

    it('answers a retry sent to the other process with the first response, appending nothing', async () => {
      const body = {
        dealId: `retry-${Date.now()}`,
        title: 'Retry',
        accountId: 'acme',
        ownerId: 'r',
        amount: 10,
      };
      const first = await post(a, '/v1/deals', `k-${body.dealId}`, body);
      expect(first.status).toBe(201);
      const retry = await post(b, '/v1/deals', `k-${body.dealId}`, body);
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replay']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await history(body.dealId)).toHaveLength(1);
    });

    it('appends once when duplicates reach both processes at the same time', async () => {
      const body = {
        dealId: `twin-${Date.now()}`,
        title: 'Twin',
        accountId: 'acme',
        ownerId: 'r',
        amount: 5,
      };
      const responses = await Promise.all(
        [a, b, a, b].map((api) => post(api, '/v1/deals', `k-${body.dealId}`, body)),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      for (const response of responses) expect(response.body).toEqual(responses[0].body);
      expect(await history(body.dealId)).toHaveLength(1);
    });

    it('makes a duplicate on B wait for the request still running on A, then answer as it did', async () => {
      const body = {
        dealId: `gated-${Date.now()}`,
        title: 'Slow',
        accountId: 'acme',
        ownerId: 'r',
        amount: 7,
      };
      const held = gate.hold(`deal-${body.dealId}`);
      const first = post(a, '/v1/deals', `k-${body.dealId}`, body).then((r) => r);
      await held.reached;
      const duplicate = post(b, '/v1/deals', `k-${body.dealId}`, body).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 500));
      held.release();
      const [one, two] = await Promise.all([first, duplicate]);
      expect([one.status, two.status]).toEqual([201, 200]);
      expect(two.body).toEqual(one.body);
      expect(await history(body.dealId)).toHaveLength(1);
    });

    it('answers 409 IDEMPOTENCY_KEY_IN_USE on B after 10 s while A still runs the request', async () => {
      const body = {
        dealId: `gated-long-${Date.now()}`,
        title: 'Stuck',
        accountId: 'a',
        ownerId: 'r',
        amount: 1,
      };
      const held = gate.hold(`deal-${body.dealId}`);
      const first = post(a, '/v1/deals', `k-${body.dealId}`, body).then((r) => r);
      await held.reached;
      const started = Date.now();
      const duplicate = await post(b, '/v1/deals', `k-${body.dealId}`, body);
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      held.release();
      expect((await first).status).toBe(201);
      expect(await history(body.dealId)).toHaveLength(1);
    }, 30_000);

    it('refuses the key with another body on the other process', async () => {
      const body = {
        dealId: `reuse-${Date.now()}`,
        title: 'Reuse',
        accountId: 'acme',
        ownerId: 'r',
        amount: 3,
      };
      expect((await post(a, '/v1/deals', `k-${body.dealId}`, body)).status).toBe(201);
      const reused = await post(b, '/v1/deals', `k-${body.dealId}`, { ...body, amount: 4 });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await history(body.dealId)).toHaveLength(1);
    });

    it('runs a retry on the other process again when the first attempt failed', async () => {
      const dealId = `later-${Date.now()}`;
      const key = `k-stage-${dealId}`;
      const failed = await post(a, `/v1/deals/${dealId}/stage`, key, { stageId: 'quote' });
      expect(failed.status).toBe(404);
      await post(a, '/v1/deals', `k-${dealId}`, {
        dealId,
        title: 'L',
        accountId: 'acme',
        ownerId: 'r',
        amount: 2,
      });
      const retried = await post(b, `/v1/deals/${dealId}/stage`, key, { stageId: 'quote' });
      expect(retried.status).toBe(201);
      expect(await history(dealId)).toHaveLength(2);
    });
  });
}
