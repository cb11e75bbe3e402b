import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
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

  it('runs the projection thread below the request path’s CPU priority (Linux)', () => {
    if (process.platform !== 'linux') return;
    const nice = readdirSync(`/proc/${engine.child.pid}/task`).map((task) => {
      const stat = readFileSync(`/proc/${engine.child.pid}/task/${task}/stat`, 'utf8');
      // After the command name (which may hold spaces), nice is the 17th field.
      return { task: Number(task), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };
    });
    expect(nice.find((t) => t.task === engine.child.pid)?.nice).toBe(0);
    expect(nice.filter((t) => t.nice === 10)).toHaveLength(1);
    expect(nice.filter((t) => t.nice !== 0 && t.nice !== 10)).toEqual([]);
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

  it('builds, reads, compares and promotes a candidate in the thread, and refuses with its codes', async () => {
    const analyst = bearer('analyst');
    expect((await http().post('/v1/projections/deals/promote').set(analyst)).body.code).toBe('NO_CANDIDATE');
    const started = await http().post('/v1/projections/deals/rebuild?promote=manual').set(analyst);
    expect(started.status).toBe(202);
    const serving = started.body.generation as number;
    const deadline = Date.now() + 20_000;
    while (!(await http().get('/v1/projections/deals').set(analyst)).body.rebuild?.caughtUp) {
      if (Date.now() > deadline) throw new Error('the candidate did not catch up within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const plain = await http().post('/v1/projections/deals/rebuild').set(analyst);
    expect([plain.status, plain.body.code]).toEqual([409, 'CANDIDATE_EXISTS']);
    const opened = await http()
      .post('/v1/deals')
      .set(bearer('service'))
      .send({ dealId: 'in-candidate', title: 'T', accountId: 'a', ownerId: 'r', amount: 2 });
    const report = await http()
      .get('/v1/reports/pipeline')
      .query({ generation: 'candidate', minPosition: opened.body.position })
      .set(analyst);
    expect([report.status, report.body.deals, report.body.amount]).toEqual([200, 6, 7]);
    const diff = await http().get('/v1/projections/deals/diff').set(analyst);
    expect(diff.body).toMatchObject({
      serving,
      candidate: serving + 1,
      documents: { added: 0, removed: 0, changed: 0, unchanged: 6 },
      samples: [],
    });
    const promoted = await http().post('/v1/projections/deals/promote').set(analyst);
    expect([promoted.status, promoted.body.generation, promoted.body.rebuild]).toEqual([200, serving + 1, null]);
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
