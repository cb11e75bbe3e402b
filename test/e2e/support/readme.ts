import { expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// The README's shell examples, taken from README.md itself, to be run against the built engine.

export const root = new URL('../../..', import.meta.url).pathname;
export const README_SECRET = 'readme-admin-secret-0123456789';

/** The embedded stores in `dir`, with an admin key the examples are given in place of theirs. */
export const readmeEnv = (dir: string) => ({
  SALES_DATA_DIR: dir,
  SALES_API_KEYS: `readme-admin:admin:${README_SECRET}`,
  EVENTSTORE_URL: '',
  MONGODB_URL: '',
});

/** The bash blocks of a README section, from its heading to the next heading of its level. */
export function bashBlocks(heading: string): string[] {
  const readme = readFileSync(`${root}/README.md`, 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThan(0);
  const level = /^#+ /.exec(heading)![0];
  const next = readme.indexOf(`\n${level}`, start + heading.length + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Runs a script by bash, stopping at the first failure; the test fails unless it exits 0. */
export function runBash(
  script: string,
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): string {
  const run = spawnSync('bash', ['-e', '-u', '-o', 'pipefail', '-c', script], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    timeout: options.timeoutMs ?? 60_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect({ exit: run.status, output }).toEqual({ exit: 0, output });
  return run.stdout;
}
