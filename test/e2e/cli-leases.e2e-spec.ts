import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_PROJECTIONS } from '@sales/projections';
import { runBuilt, startEngine } from './support/engine-process.js';
import { bearer, KEY_SPECS } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';

// The reported case: stop the API, then at once `projections rebuild --all`. The stopping engine
// released its leases, so the CLI takes them and rebuilds here, instead of following an engine
// that is gone (it used to print `0.0% 0/1603` for hours). And when the engine dies without a
// word, the CLI waits for its leases to expire, takes them over and rebuilds.
const SALES_API_KEYS = KEY_SPECS.map((k) => `${k.name}:${k.role}:${k.secret}`).join(',');

describe('projections rebuild right after the engine stops or dies', () => {
  const data = tempDataDir();
  const env = { SALES_DATA_DIR: data.dir, SALES_API_KEYS, EVENTSTORE_URL: '', MONGODB_URL: '' };
  const cli = (args: string[]) => runBuilt('dist/apps/cli/src/main.js', args, env, 90_000);

  const startLive = async () => {
    const engine = await startEngine(env);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const listed = await fetch(`${engine.url}/v1/projections`, { headers: bearer('analyst') });
      const body = (await listed.json()) as { status: string; lag: number }[];
      if (body.every((p) => p.status === 'live' && p.lag === 0)) return engine;
      if (Date.now() > deadline) throw new Error(`projections not live: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const rebuiltAll = (stdout: string) =>
    ALL_PROJECTIONS.every((p) => new RegExp(`^${p.name}: rebuilt as generation \\d+`, 'm').test(stdout));

  beforeAll(async () => {
    const seeded = await cli(['seed', '--deals', '60', '--seed', '5']);
    if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  }, 120_000);
  afterAll(() => data.remove());

  it('stopped: the CLI rebuilds at once, itself', async () => {
    const engine = await startLive();
    await engine.stop();
    const started = Date.now();
    const { code, stdout, stderr } = await cli(['projections', 'rebuild', '--all']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^deals: took the lease \(token \d+\)$/m);
    expect(rebuiltAll(stdout)).toBe(true);
    expect(stdout).not.toMatch(/followed in/);
    expect(Date.now() - started).toBeLessThan(30_000);
    const status = await cli(['projections', 'status', '--json']);
    const rows = JSON.parse(status.stdout) as { status: string; holder: string | null }[];
    expect(rows.every((r) => r.status === 'stopped' && r.holder === null)).toBe(true);
  }, 90_000);

  it('killed: the CLI follows the dead engine only until its leases lapse, then takes them and rebuilds', async () => {
    const engine = await startLive();
    engine.child.kill('SIGKILL');
    await new Promise((resolve) => engine.child.once('exit', resolve));
    const started = Date.now();
    const { code, stdout } = await cli(['projections', 'rebuild', '--all']);
    expect(code).toBe(0);
    expect(rebuiltAll(stdout)).toBe(true);
    expect(stdout).toMatch(/followed in the engine that holds its lease/);
    expect(stdout).toMatch(/let its lease lapse; rebuilding here|no projector holds the lease of deals/);
    // Leases last 10 s unrenewed: taken over within 15 s of the death, then rebuilt.
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 90_000);
});
