import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runBuilt } from './support/engine-process.js';
import { bearer } from './support/keys.js';
import { sqliteTarget, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

// Asynchronous on purpose: the API under test runs in this process and must keep serving.
const cli = (args: string[], dataDir: string) =>
  runBuilt('dist/apps/cli/src/main.js', args, {
    SALES_DATA_DIR: dataDir,
    EVENTSTORE_URL: '',
    MONGODB_URL: '',
  });

describe('the sales CLI against the embedded stores', () => {
  let api: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    api = await startApp(testConfig(data.dir, (await sqliteTarget.start()).eventStoreUrl));
    for (let i = 0; i < 5; i++) {
      await api
        .http()
        .post('/v1/deals')
        .set(bearer('service'))
        .send({ dealId: `cli-${i}`, title: 'T', accountId: 'a', ownerId: 'r', amount: 10 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a status publication of the running engine
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('shows projection status as JSON', async () => {
    const { code, stdout } = await cli(['projections', 'status', '--json'], data.dir);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { name: string; status: string; lag: number }[];
    expect(rows.map((r) => r.name)).toContain('deals');
    for (const row of rows) expect(row.status).toBe('live');
  });

  it('asks the running engine to rebuild and follows it to the swap', async () => {
    const before = (await api.http().get('/v1/projections/deals').set(bearer('analyst'))).body.generation;
    const { code, stdout } = await cli(['projections', 'rebuild', 'deals'], data.dir);
    expect({ code, stdout }).toMatchObject({ code: 0 });
    expect(stdout).toContain('rebuilt as generation');
    const after = (await api.http().get('/v1/projections/deals').set(bearer('analyst'))).body;
    expect(after.generation).toBe(before + 1);
    const listed = await api.http().get('/v1/deals').set(bearer('service'));
    expect(listed.body.items).toHaveLength(5);
    const audit = await api
      .http()
      .get('/v1/audit/events?type=ProjectionRebuildRequested')
      .set(bearer('auditor'));
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        principal: expect.stringMatching(/^cli/),
        data: expect.objectContaining({ projection: 'deals' }),
      }),
    ]);
  });

  it('compares a candidate generation with the serving one, promotes it, and drops the next one', async () => {
    const analyst = bearer('analyst');
    const projection = async () => (await api.http().get('/v1/projections/deals').set(analyst)).body;
    const caughtUpCandidate = async (): Promise<number> => {
      const started = await api.http().post('/v1/projections/deals/rebuild?promote=manual').set(analyst);
      expect(started.status).toBe(202);
      for (const deadline = Date.now() + 20_000; !(await projection()).rebuild?.caughtUp;) {
        if (Date.now() > deadline) throw new Error('the candidate did not catch up within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return (await projection()).rebuild.generation as number;
    };

    const serving = (await projection()).generation as number;
    const first = await caughtUpCandidate();
    const diff = await cli(['projections', 'diff', 'deals', '--json'], data.dir);
    expect({ code: diff.code, stderr: diff.stderr }).toEqual({ code: 0, stderr: '' });
    const documents = JSON.parse(diff.stdout);
    // The same code over the same log: every document the same.
    expect(documents).toMatchObject({
      serving,
      candidate: first,
      documents: { added: 0, removed: 0, changed: 0 },
      samples: [],
    });
    expect(documents.documents.unchanged).toBeGreaterThanOrEqual(5);

    const promoted = await cli(['projections', 'promote', 'deals'], data.dir);
    expect({ code: promoted.code, stdout: promoted.stdout }).toEqual({
      code: 0,
      stdout: expect.stringContaining(`promoted; generation ${first} serves`),
    });
    expect(await projection()).toMatchObject({ generation: first, rebuild: null });

    const second = await caughtUpCandidate();
    const text = await cli(['projections', 'diff', 'deals'], data.dir);
    expect(text.stdout).toContain(
      `candidate generation ${second} against serving generation ${first}: 0 added`,
    );
    const dropped = await cli(['projections', 'drop-candidate', 'deals'], data.dir);
    expect({ code: dropped.code, stdout: dropped.stdout }).toEqual({
      code: 0,
      stdout: expect.stringContaining(`candidate dropped; generation ${first} serves`),
    });
    expect(await projection()).toMatchObject({ generation: first, rebuild: null });
    expect((await api.http().get('/v1/deals').set(bearer('service'))).body.items).toHaveLength(5);

    // Nothing left to compare, promote or drop.
    for (const command of ['diff', 'promote', 'drop-candidate']) {
      const none = await cli(['projections', command, 'deals'], data.dir);
      expect({ command, code: none.code }).toEqual({ command, code: 1 });
      expect(none.stderr).toContain('NO_CANDIDATE');
    }

    // The CLI's own actions are in the audit stream, under the user who ran it.
    const audit = await api.http().get('/v1/audit/events?limit=1000').set(bearer('auditor'));
    const actions = (audit.body.items as { type: string; principal: string; data: { projection: string } }[])
      .filter((item) => item.type.startsWith('ProjectionCandidate') && item.principal.startsWith('cli'))
      .map((item) => [item.type, item.data.projection]);
    expect(actions).toEqual([
      ['ProjectionCandidatePromoted', 'deals'],
      ['ProjectionCandidateDropped', 'deals'],
    ]);
  });

  it('exits 2 on a usage error or an unknown projection', async () => {
    expect((await cli(['projections'], data.dir)).code).toBe(2);
    expect((await cli(['projections', 'rebuild', 'nope'], data.dir)).code).toBe(2);
    expect((await cli(['projections', 'promote', 'nope'], data.dir)).code).toBe(2);
    expect((await cli(['projections', 'diff'], data.dir)).code).toBe(2);
    expect((await cli(['nonsense'], data.dir)).code).toBe(2);
  });

  it('prints its help and exits 0 on --help', async () => {
    const help = await cli(['--help'], data.dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('projections');
    expect(help.stdout).toContain('Exit codes');
    const rebuild = await cli(['projections', 'rebuild', '--help'], data.dir);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain('--all');
  });
});

describe('the CLI promoting a candidate no running engine holds', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('takes the projection over, lets the candidate catch up and swaps it in', async () => {
    const api = await startApp(testConfig(data.dir, (await sqliteTarget.start()).eventStoreUrl));
    let candidate: number;
    try {
      for (let i = 0; i < 3; i++)
        await api
          .http()
          .post('/v1/deals')
          .set(bearer('service'))
          .send({ dealId: `alone-${i}`, title: 'T', accountId: 'a', ownerId: 'r', amount: 10 });
      const started = await api
        .http()
        .post('/v1/projections/deals/rebuild?promote=manual')
        .set(bearer('analyst'));
      expect(started.status).toBe(202);
      candidate = started.body.rebuild.generation as number;
    } finally {
      await api.close(); // its leases are released: nobody runs the projections now
    }
    const promoted = await cli(['projections', 'promote', 'deals'], data.dir);
    expect({ code: promoted.code, stdout: promoted.stdout }).toEqual({
      code: 0,
      stdout: expect.stringContaining(`promoted; generation ${candidate} serves`),
    });
    const status = await cli(['projections', 'status', '--json'], data.dir);
    const deals = (JSON.parse(status.stdout) as { name: string; generation: number }[]).find(
      (p) => p.name === 'deals',
    );
    expect(deals?.generation).toBe(candidate);
  });
});
