import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

// Processes on one data directory, for real: one connection per process, each racing the others
// for the same keys. The store is bundled as is and run by plain Node.
describe('SQLite idempotency store shared by several processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-idem-procs-'));
  const worker = join(dir, 'claimer.mjs');

  beforeAll(async () => {
    await build({
      entryPoints: [join(here, 'sqlite-idempotency-store.ts')],
      outfile: join(dir, 'store.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      // The bundle lives outside the project: the native module is imported from where it is.
      plugins: [
        {
          name: 'better-sqlite3-in-place',
          setup: (esbuild) =>
            esbuild.onResolve({ filter: /^better-sqlite3$/ }, () => ({
              path: createRequire(import.meta.url).resolve('better-sqlite3'),
              external: true,
            })),
        },
      ],
      alias: { '@sales/domain': join(here, '../../../../libs/domain/src/shared/assert-never.ts') },
      logLevel: 'silent',
    });
    writeFileSync(
      worker,
      `import { SqliteIdempotencyStore } from './store.mjs';
const [file, keys, startAt] = process.argv.slice(2);
const store = new SqliteIdempotencyStore(file);
// Every process starts claiming at the same instant, however long each took to start.
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 2));
const claimed = [];
for (let k = 0; k < Number(keys); k++) {
  const outcome = await store.claim('svc\\nkey-' + k, 'fp');
  if (outcome.kind === 'claimed') {
    claimed.push(k);
    if (k % 2 === 0) await store.complete(outcome.claim, { status: 201, body: String(process.pid) });
  }
}
await store.close();
console.log(JSON.stringify(claimed));`,
    );
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets exactly one process claim each key', async () => {
    const file = join(dir, 'idempotency.db');
    const keys = 300;
    const startAt = String(Date.now() + 5_000);
    const outputs = await Promise.all(
      [0, 1, 2, 3].map(() =>
        run(process.execPath, [worker, file, String(keys), startAt], { timeout: 60_000 }),
      ),
    );
    const claims = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as number[]);
    expect(claims.sort((x, y) => x - y)).toEqual(Array.from({ length: keys }, (_, k) => k));
    // How the four interleave is SQLite's lock's business (one may take every key while the others
    // wait); what matters is that each key, asked for by all four, went to exactly one of them.
  }, 90_000);
});
