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
  });

  it('exits 2 on a usage error or an unknown projection', async () => {
    expect((await cli(['projections'], data.dir)).code).toBe(2);
    expect((await cli(['projections', 'rebuild', 'nope'], data.dir)).code).toBe(2);
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
