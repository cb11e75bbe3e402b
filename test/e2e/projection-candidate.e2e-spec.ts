import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_PROJECTIONS, DEALS, dealsProjection, type Projection } from '@sales/projections';
import type { AppConfig } from '@sales/platform';
import { useMongoServer } from '../ferretdb/mongo-test-server.js';
import { startAppWith } from './support/app-with-options.js';
import { bearer } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig, type TestApp } from './support/test-app.js';

const svc = bearer('service');
const analyst = bearer('analyst');
const auditor = bearer('auditor');

// The deals projection, changed in place while the app runs as a new release's code would be: its
// version bumped and every deal's amount rounded to whole hundreds (idempotent, so a document
// rewritten by several events is rounded once).
function switchableDeals(): { projection: Projection; change: () => void } {
  const projection: Projection = { ...dealsProjection };
  const change = () => {
    projection.version = dealsProjection.version + 1;
    projection.evolve = (event, docs) =>
      dealsProjection.evolve(event, docs).map((write) =>
        write.op === 'put' && write.collection === DEALS && typeof write.doc.amountMinor === 'number'
          ? { ...write, doc: { ...write.doc, amountMinor: Math.round(write.doc.amountMinor / 10_000) * 10_000 } }
          : write,
      );
  };
  return { projection, change };
}

const mongo = await useMongoServer('candidate generations on MongoDB');

const TARGETS: { name: string; config: (dir: string) => AppConfig }[] = [
  { name: 'sqlite', config: (dir) => testConfig(dir, null) },
  ...(mongo
    ? [
        {
          name: mongo.label,
          config: (dir: string) => ({ ...testConfig(dir, null), mongodbUrl: mongo.url(), mongodbDb: mongo.dbName }),
        },
      ]
    : []),
];

describe.each(TARGETS)('a candidate generation beside the serving one on $name', ({ config }) => {
  let api: TestApp & { auditLog: { flush: () => Promise<void> } };
  let position = 0;
  const data = tempDataDir();
  const deals = switchableDeals();

  const open = async (dealId: string, amount: number) => {
    const response = await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ dealId, title: dealId, accountId: 'acme', ownerId: 'ann', amount });
    expect(response.status).toBe(201);
    position = response.body.position;
  };
  const pipelineAmount = async (query: Record<string, unknown> = {}) => {
    const response = await api
      .http()
      .get('/v1/reports/pipeline')
      .query({ minPosition: position, ...query })
      .set(analyst);
    expect(response.status).toBe(200);
    return response.body.amount as number;
  };
  const projection = async () => (await api.http().get('/v1/projections/deals').set(analyst)).body;
  const caughtUp = async () => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      if ((await projection()).rebuild?.caughtUp) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the candidate did not catch up within 10 s');
  };

  beforeAll(async () => {
    const projections = ALL_PROJECTIONS.map((p) => (p.name === 'deals' ? deals.projection : p));
    api = await startAppWith(config(data.dir), { projections });
    await open('D1', 1234.56);
    await open('D2', 500);
    await open('D3', 2049.99);
  }, 60_000);
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('builds a candidate with the changed code, reads and compares it, then promotes it', async () => {
    expect(await pipelineAmount()).toBe(3784.55);
    deals.change();
    const started = await api.http().post('/v1/projections/deals/rebuild?promote=manual').set(analyst);
    expect(started.status).toBe(202);
    const serving = started.body.generation as number;
    expect(started.body.rebuild).toMatchObject({ generation: serving + 1, promote: 'manual' });
    await caughtUp();
    // The candidate stays beside the serving generation: the projection is live, nothing swapped.
    expect(await projection()).toMatchObject({ status: 'live', generation: serving });

    expect(await pipelineAmount()).toBe(3784.55);
    expect(await pipelineAmount({ generation: 'candidate' })).toBe(3700);

    const diff = await api.http().get('/v1/projections/deals/diff').set(analyst);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({
      serving,
      candidate: serving + 1,
      documents: { added: 0, removed: 0, changed: 2, unchanged: 1 },
      samples: [
        {
          key: 'deals/D1',
          serving: expect.objectContaining({ dealId: 'D1', amountMinor: 123_456 }),
          candidate: expect.objectContaining({ dealId: 'D1', amountMinor: 120_000 }),
        },
        {
          key: 'deals/D3',
          serving: expect.objectContaining({ amountMinor: 204_999 }),
          candidate: expect.objectContaining({ amountMinor: 200_000 }),
        },
      ],
    });

    // It stays live: a deal opened now is in it (the serving generation runs the new code too
    // from here on, as this process has only that).
    await open('D4', 149.99);
    expect(await pipelineAmount({ generation: 'candidate' })).toBe(3800);
    expect(await pipelineAmount()).toBe(3884.55);

    const promoted = await api.http().post('/v1/projections/deals/promote').set(analyst);
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ generation: serving + 1, rebuild: null, status: 'live' });
    expect(await pipelineAmount()).toBe(3800);
    // No candidate left: generation=candidate reads the serving generations.
    expect(await pipelineAmount({ generation: 'candidate' })).toBe(3800);
    for (const [method, path] of [
      ['post', '/v1/projections/deals/promote'],
      ['get', '/v1/projections/deals/diff'],
      ['delete', '/v1/projections/deals/candidate'],
    ] as const) {
      const refused = await api.http()[method](path).set(analyst);
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 409,
        code: 'NO_CANDIDATE',
      });
    }
  });

  it('drops a candidate and keeps serving as before; a plain rebuild meanwhile is refused', async () => {
    const before = (await projection()).generation as number;
    expect((await api.http().post('/v1/projections/deals/rebuild?promote=manual').set(analyst)).status).toBe(202);
    const plain = await api.http().post('/v1/projections/deals/rebuild').set(analyst);
    expect([plain.status, plain.body.code]).toEqual([409, 'CANDIDATE_EXISTS']);
    await caughtUp();
    expect((await api.http().get('/v1/projections/deals/diff').set(analyst)).body.documents).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 4,
    });
    const dropped = await api.http().delete('/v1/projections/deals/candidate').set(analyst);
    expect(dropped.status).toBe(200);
    expect(dropped.body).toMatchObject({ generation: before, rebuild: null });
    expect(await pipelineAmount({ generation: 'candidate' })).toBe(3800);
    expect((await api.http().get('/v1/projections/deals/diff').set(analyst)).status).toBe(409);
  });

  it('refuses bad input with a code, and other roles', async () => {
    for (const [method, path] of [
      ['post', '/v1/projections/nope/rebuild?promote=manual'],
      ['post', '/v1/projections/nope/promote'],
      ['get', '/v1/projections/nope/diff'],
      ['delete', '/v1/projections/nope/candidate'],
    ] as const) {
      const response = await api.http()[method](path).set(analyst);
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 404,
        code: 'PROJECTION_NOT_FOUND',
      });
    }
    const bad = await api.http().post('/v1/projections/deals/rebuild?promote=later').set(analyst);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const report = await api.http().get('/v1/reports/pipeline?generation=next').set(analyst);
    expect([report.status, report.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await api.http().post('/v1/projections/deals/promote').set(svc)).status).toBe(403);
    expect((await api.http().delete('/v1/projections/deals/candidate').set(svc)).status).toBe(403);
  });

  it('records every candidate action in the audit stream with who asked', async () => {
    await api.auditLog.flush();
    const response = await api.http().get('/v1/audit/events?limit=1000').set(auditor);
    expect(response.status).toBe(200);
    const actions = (response.body.items as { type: string; principal: string; data: { projection: string } }[])
      .filter((item) => item.type.startsWith('ProjectionCandidate'))
      .map((item) => [item.type, item.data.projection, item.principal]);
    expect(actions).toEqual([
      ['ProjectionCandidateRequested', 'deals', 'bi-analyst'],
      ['ProjectionCandidatePromoted', 'deals', 'bi-analyst'],
      ['ProjectionCandidateRequested', 'deals', 'bi-analyst'],
      ['ProjectionCandidateDropped', 'deals', 'bi-analyst'],
    ]);
  });
});
