// `npm run esdb-double`: the double is TypeScript, run by the tests through ts-jest. Here esbuild
// (already a dev dependency, for the dashboard) compiles it into dist/ first, packages left as
// imports so that the client library's generated protocol code is the installed one.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const outfile = join(root, 'dist/test/esdb-double/esdb-double-main.mjs');
await build({
  entryPoints: [join(root, 'test/esdb-double/esdb-double-main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
