import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openEventStore } from '@sales/platform';
import { startAppWith } from './support/app-with-options.js';
import { GatedStore } from './support/gated-store.js';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const stages = (...ids: string[]) =>
  ids.map((id, i) => ({ id, name: id.toUpperCase(), probability: i / 10 }));

// STAGE_IN_USE reads across streams: a pipeline's redefinition counts the open deals per stage
// from the log. Process A moves deals, process B redefines the pipeline.
describe.each(STORE_TARGETS)('STAGE_IN_USE across processes on $name', (target) => {
  const data = tempDataDir();
  let stopStore: () => Promise<void>;
  let a: TestApp;
  let b: TestApp;
  let gate: GatedStore;

  beforeAll(async () => {
    const started = await target.start();
    stopStore = started.stop;
    const config = testConfig(data.dir, started.eventStoreUrl);
    gate = new GatedStore(await openEventStore(config));
    a = await startAppWith({ ...config, projectors: 'external' }, { eventStore: gate });
    b = await startApp(config);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await stopStore();
    data.remove();
  });

  const define = (api: TestApp, ...ids: string[]) =>
    api
      .http()
      .put('/v1/pipelines/gated')
      .set(svc)
      .send({ name: 'Gated', stages: stages(...ids) });
  const move = (api: TestApp, stageId: string) =>
    api.http().post('/v1/deals/g1/stage').set(svc).send({ stageId });

  it("refuses to remove a stage that another process's command put a deal in", async () => {
    expect((await define(b, 'a', 'b', 'c')).status).toBe(201);
    const opened = await b
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ dealId: 'g1', title: 'G', accountId: 'acc', ownerId: 'rep', amount: 5, pipelineId: 'gated' });
    expect(opened.status).toBe(201);
    expect((await move(a, 'b')).status).toBe(201);
    const refused = await define(b, 'a', 'c');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'STAGE_IN_USE',
      details: { stages: [{ stageId: 'b', openDeals: 1 }] },
    });
  });

  // The pipeline as the read models show it, once they show `expected` (they lag the log a little).
  const stagesOf = async (expected: string[]) => {
    let ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const response = await b.http().get('/v1/pipelines/gated').set(svc);
      ids = response.body.stages.map((stage: { id: string }) => stage.id);
      if (JSON.stringify(ids) === JSON.stringify(expected)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return ids;
  };

  it('a move decided before a removal and appended after it: the mover sees the removal and defines the stage again', async () => {
    const held = gate.hold('deal-g1');
    const moving = move(a, 'c').then((response) => response); // supertest sends only once then() is called
    await held.reached; // decided against the definition with c, not yet appended
    expect((await define(b, 'a', 'b')).status).toBe(201);
    held.release();
    expect((await moving).status).toBe(201);
    expect((await b.http().get('/v1/deals/g1').set(svc)).body).toMatchObject({
      stageId: 'c',
      status: 'open',
    });
    expect(await stagesOf(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('a removal decided before a move and appended after it: the redefinition sees the deal and is withdrawn', async () => {
    expect((await move(b, 'a')).status).toBe(201);
    const held = gate.hold('pipeline-gated');
    const defining = define(a, 'a', 'b').then((response) => response);
    await held.reached; // counted no deal in c, not yet appended
    expect((await move(b, 'c')).status).toBe(201);
    held.release();
    const refused = await defining;
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'STAGE_IN_USE',
      details: { stages: [{ stageId: 'c', openDeals: 1 }] },
    });
    expect(await stagesOf(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('a process dying between its move and its check leaves the deal in a stage no longer defined', async () => {
    expect((await move(b, 'a')).status).toBe(201);
    const held = gate.hold('deal-g1');
    const moving = move(a, 'c').then((response) => response);
    await held.reached;
    expect((await define(b, 'a', 'b')).status).toBe(201);
    gate.failNextRead('pipeline-gated'); // the check after the append never happens
    held.release();
    expect((await moving).status).toBe(503);
    expect((await b.http().get('/v1/deals/g1').set(svc)).body).toMatchObject({
      stageId: 'c',
      status: 'open',
    });
    expect(await stagesOf(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('what the engine does then: no redefinition drops c while the deal is there; the deal moves out forward', async () => {
    const refused = await define(b, 'a', 'b');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'STAGE_IN_USE',
      details: { stages: [{ stageId: 'c', openDeals: 1 }] },
    });
    // Still a deal in the pipeline: it can move to a defined stage (leaving an undefined one is forward).
    expect((await move(b, 'c')).body.code).toBe('ALREADY_IN_STAGE');
    expect((await move(b, 'a')).status).toBe(201);
    const history = await b.http().get('/v1/deals/g1/history').set(bearer('auditor'));
    expect(history.body.at(-1).data).toMatchObject({ from: 'c', to: 'a', direction: 'forward' });
    expect((await define(b, 'a', 'b')).status).toBe(201);
  });

  it('a conversion opening its deal in a stage removed meanwhile defines the stage again', async () => {
    expect((await define(b, 'a', 'b', 'c')).status).toBe(201);
    const lead = await b
      .http()
      .post('/v1/leads')
      .set(svc)
      .send({ leadId: 'cv-l', source: 'web', company: 'C', ownerId: 'rep' });
    expect(lead.status).toBe(201);
    const held = gate.hold('deal-cv-d');
    const converting = a
      .http()
      .post('/v1/leads/cv-l/convert')
      .set(svc)
      .send({ dealId: 'cv-d', title: 'CV', accountId: 'acc', amount: 1, pipelineId: 'gated', stageId: 'c' })
      .then((response) => response);
    await held.reached; // committed on the lead, the deal not yet opened
    expect((await define(b, 'a', 'b')).status).toBe(201);
    held.release();
    expect((await converting).status).toBe(201);
    expect((await b.http().get('/v1/deals/cv-d').set(svc)).body).toMatchObject({
      stageId: 'c',
      leadId: 'cv-l',
    });
    expect(await stagesOf(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });
});
