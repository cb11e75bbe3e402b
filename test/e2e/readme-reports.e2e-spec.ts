import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EngineProcess, startEngine } from './support/engine-process.js';
import { bashBlocks, README_SECRET, readmeEnv, root, runBash } from './support/readme.js';
import { tempDataDir } from './support/store-targets.js';

// The README's "Demo data and reports", taken from README.md itself and run by bash: the seed as
// written, every report of the curl block against the built engine on that history (each answers
// the report it names, the CSV one a table), and the CLI's reports. `npm run cli --` is run as the
// built program it starts; `npm start` is the engine this test starts. Run `npm run build` first.

type Json = Record<string, unknown>;

const CLI = /npm run cli --/g;
const builtCli = `node ${join(root, 'dist/apps/cli/src/main.js')}`;

describe("the README's demo data and reports, run as written", () => {
  const data = tempDataDir();
  const cwd = mkdtempSync(join(tmpdir(), 'readme-reports-'));
  let engine: EngineProcess | null = null;
  afterAll(async () => {
    await engine?.stop();
    data.remove();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('seeds the demo history, answers every report of the curl block, and the CLI reports on it', async () => {
    const [seed, curl, cli, ...others] = bashBlocks('## Demo data and reports');
    expect(others).toEqual([]);

    // The seed, as written; the engine is started here instead of by `npm start`.
    const seedLines = seed.trimEnd().split('\n');
    expect(seedLines).toHaveLength(2);
    expect(seedLines[1]).toMatch(/^npm start\b/);
    expect(seedLines[0]).toMatch(CLI);
    const seeded = runBash(seedLines[0].replace(CLI, builtCli), {
      cwd,
      env: readmeEnv(data.dir),
      timeoutMs: 180_000,
    });
    expect(seeded).toMatch(/the log is at position \d+/);
    engine = await startEngine(readmeEnv(data.dir));

    // Every report of the curl block, with the key and the address of the engine under test.
    const keyLine = /^KEY=.*$/m;
    const base = /http:\/\/127\.0\.0\.1:3000/g;
    expect(curl).toMatch(keyLine);
    expect(curl).toMatch(base);
    const asked = [...curl.matchAll(/^report "([a-z-]+)\?/gm)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(14);
    const out = runBash(curl.replace(keyLine, `KEY='${README_SECRET}'`).replace(base, engine.url), {
      cwd,
    });
    const answers = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(answers.map((a) => ({ report: a.report, code: a.code }))).toEqual(
      asked.map((report) => ({ report, code: undefined })),
    );
    const csv = readFileSync(join(cwd, 'win-rate.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toContain('section');
    expect(csv.length).toBeGreaterThan(2);
    rmSync(join(cwd, 'win-rate.csv'));

    // The CLI's reports, on the stores of the running engine.
    expect(cli).toMatch(CLI);
    const printed = runBash(cli.replace(CLI, builtCli), { cwd, env: readmeEnv(data.dir) });
    expect(printed).toContain('funnel —');
    expect(printed).toContain('"report": "quota-attainment"');
    const cliCsv = readFileSync(join(cwd, 'win-rate.csv'), 'utf8').split(/\r?\n/);
    expect(cliCsv[0]).toContain('section');
    expect(cliCsv.length).toBeGreaterThan(2);
  }, 360_000);
});
