import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type EngineProcess, startEngine } from './support/engine-process.js';
import { bearer, KEY_SPECS } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';

// The built API as `npm start` runs it: its inline projectors on a worker thread of the process.
// Reads wait for a command's position, and the projections' status, rebuild and errors answer
// from the engine in that thread.
describe('inline projectors on the API process’s projection thread', () => {
  let engine: EngineProcess;
  const data = tempDataDir();
  const http = () => request(engine.url);
  const env = () => ({
    SALES_DATA_DIR: data.dir,
    SALES_API_KEYS: KEY_SPECS.map((k) => `${k.name}:${k.role}:${k.secret}`).join(','),
    SALES_RATE_LIMIT_PER_MINUTE: '0',
  });

  beforeAll(async () => {
    engine = await startEngine(env());
  });
  afterAll(async () => {
    await engine.stop();
    data.remove();
  });

  it('reads its own writes at the position a command answered', async () => {
    for (let i = 0; i < 5; i++) {
      const opened = await http()
        .post('/v1/deals')
        .set(bearer('service'))
        .send({ dealId: `t${i}`, title: 'T', accountId: 'a', ownerId: 'r', amount: 1 });
      expect(opened.status).toBe(201);
      const listed = await http()
        .get('/v1/deals')
        .query({ minPosition: opened.body.position })
        .set(bearer('service'));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((d: { dealId: string }) => d.dealId)).toContain(`t${i}`);
    }
  });

  it('captures leads under generated ids, each a stream of its own', async () => {
    const captured = await Promise.all(
      Array.from({ length: 3 }, () =>
        http().post('/v1/leads').set(bearer('service')).send({ source: 's', company: 'C', ownerId: 'r' }),
      ),
    );
    expect(captured.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(captured.map((r) => r.body.id)).size).toBe(3);
    expect(captured.map((r) => r.body.version)).toEqual([1, 1, 1]);
  });

  it('shows the projections as live, hands them rebuilds, and names an unknown one', async () => {
    const listed = await http().get('/v1/projections').set(bearer('analyst'));
    expect(listed.status).toBe(200);
    const deals = listed.body.find((p: { name: string }) => p.name === 'deals');
    expect(deals).toMatchObject({ status: 'live', lastError: null });

    const rebuilt = await http().post('/v1/projections/deals/rebuild').set(bearer('analyst'));
    expect(rebuilt.status).toBe(202);
    const deadline = Date.now() + 20_000;
    let generation = deals.generation;
    while (generation === deals.generation && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      generation = (await http().get('/v1/projections/deals').set(bearer('analyst'))).body.generation;
    }
    expect(generation).toBe(deals.generation + 1);
    const afterRebuild = await http().get('/v1/deals').set(bearer('service'));
    expect(afterRebuild.body.items).toHaveLength(5);

    const unknown = await http().get('/v1/projections/nope').set(bearer('analyst'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PROJECTION_NOT_FOUND');
  });

  it('releases its leases when stopped, so the next start runs the projections at once', async () => {
    await engine.stop();
    engine = await startEngine(env());
    const listed = await http().get('/v1/projections').set(bearer('analyst'));
    expect(listed.body.every((p: { lastError: string | null }) => p.lastError === null)).toBe(true);
    const opened = await http()
      .post('/v1/deals')
      .set(bearer('service'))
      .send({ dealId: 'after-restart', title: 'T', accountId: 'a', ownerId: 'r', amount: 1 });
    const read = await http()
      .get('/v1/deals')
      .query({ minPosition: opened.body.position })
      .set(bearer('service'));
    expect(read.status).toBe(200);
    expect(read.body.items.map((d: { dealId: string }) => d.dealId)).toContain('after-restart');
  });
});
