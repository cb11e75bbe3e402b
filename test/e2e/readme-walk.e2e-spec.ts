import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EngineProcess, runBuilt, startEngine } from './support/engine-process.js';
import { bashBlocks, README_SECRET as SECRET, readmeEnv as env, runBash } from './support/readme.js';
import { tempDataDir } from './support/store-targets.js';

// The README's curl walk ("A deal's whole life with curl"), taken from README.md itself and run by
// bash and curl against the built engine: on a fresh store, and on one holding the demo history.
// Each `api` line's answer must be the one its comment promises (2xx unless it names another
// status), and the deal must end as the walk tells it. Run `npm run build` first.

type Json = Record<string, unknown>;

/** The walk's bash block, with the key and the base URL of the engine under test. */
function readmeWalk(url: string): string {
  const block = bashBlocks("## A deal's whole life with curl")[0];
  const keyLine = /^KEY=.*$/m;
  const baseLine = /^B=http:\/\/127\.0\.0\.1:3000\/v1$/m;
  expect(block).toMatch(keyLine);
  expect(block).toMatch(baseLine);
  return block.replace(keyLine, `KEY='${SECRET}'`).replace(baseLine, `B=${url}/v1`);
}

/** What each `api` call of the block promises: the status its comment names, else any 2xx. */
function promisedStatuses(block: string): (number | '2xx')[] {
  return block
    .split('\n')
    .filter((line) => line.startsWith('api '))
    .map((line) => {
      const named = /#.*\b([2-5]\d\d)\b/.exec(line);
      return named ? Number(named[1]) : '2xx';
    });
}

function runWalk(url: string): { statuses: number[]; promised: (number | '2xx')[]; output: string } {
  const block = readmeWalk(url);
  const output = runBash(block);
  const statuses = [...output.matchAll(/→ HTTP (\d{3})/g)].map((m) => Number(m[1]));
  return { statuses, promised: promisedStatuses(block), output };
}

describe("the README's curl walk, run as written", () => {
  const data = tempDataDir();
  let engine: EngineProcess | null = null;
  afterEach(async () => {
    await engine?.stop();
    engine = null;
  });
  afterAll(() => data.remove());

  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${engine!.url}/v1/${path}`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  async function walkAndCheck(): Promise<void> {
    const { statuses, promised, output } = runWalk(engine!.url);
    expect(promised.length).toBeGreaterThan(15);
    expect(statuses.length).toBe(promised.length);
    statuses.forEach((status, i) => {
      const ok = promised[i] === '2xx' ? status >= 200 && status < 300 : status === promised[i];
      expect({ call: i + 1, status, ok, output: ok ? '' : output }).toEqual({
        call: i + 1,
        status,
        ok: true,
        output: '',
      });
    });
    // The deal ends as the walk tells it: back and forth, lost, reopened, reassigned, won.
    const deal = (await get('deals/deal-acme')).body;
    expect(deal).toMatchObject({
      status: 'won',
      ownerId: 'rep-cy',
      amount: 45000,
      pipelineId: 'key-accounts',
      expectedCloseDate: '2027-01-31',
      stageId: 'negotiation',
    });
    expect((deal.stageHistory as Json[]).map((v) => v.stageId)).toEqual([
      'discovery',
      'proposal',
      'demo',
      'demo',
      'negotiation',
    ]);
    const history = (await get('deals/deal-acme/history')).body as unknown as Json[];
    expect(history.map((e) => e.type)).toEqual([
      'DealOpened',
      'DealStageAdvanced',
      'DealStageAdvanced',
      'ActivityLogged',
      'DealLost',
      'DealReopened',
      'DealReassigned',
      'DealUpdated',
      'DealStageAdvanced',
      'DealWon',
    ]);
  }

  it('on a fresh store; the demo seed then writes its history beside it, and refuses a second time before writing', async () => {
    engine = await startEngine(env(data.dir));
    await walkAndCheck();
    await engine.stop(); // the seed runs on the store alone
    engine = null;

    const seeded = await runBuilt('dist/apps/cli/src/main.js', ['seed', '--deals', '40'], env(data.dir));
    expect({ code: seeded.code, stderr: seeded.stderr }).toEqual({ code: 0, stderr: expect.any(String) });

    const head = Number(/the log is at position (\d+)/.exec(seeded.stdout)![1]);
    const again = await runBuilt('dist/apps/cli/src/main.js', ['seed', '--deals', '40'], env(data.dir));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Nothing written');
    expect(again.stderr).toContain('pipeline-enterprise');
    const log = new Database(join(data.dir, 'events.db'), { readonly: true });
    try {
      // Business streams only: a process that starts on the store may record how far its sweep
      // of lead conversions got (stream process-lead-conversions), which is no write of the seed.
      expect(
        log.prepare("SELECT max(position) AS head FROM events WHERE stream NOT LIKE 'process-%'").get(),
      ).toEqual({ head });
    } finally {
      log.close();
    }
  }, 240_000);

  it('on a store holding the demo history', async () => {
    const seededDir = tempDataDir();
    try {
      const seeded = await runBuilt(
        'dist/apps/cli/src/main.js',
        ['seed', '--deals', '40'],
        env(seededDir.dir),
      );
      expect({ code: seeded.code, stderr: seeded.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
      engine = await startEngine(env(seededDir.dir));
      await walkAndCheck();
    } finally {
      await engine?.stop();
      engine = null;
      seededDir.remove();
    }
  }, 240_000);
});
