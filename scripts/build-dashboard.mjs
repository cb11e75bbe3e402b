// Bundles the dashboard (apps/dashboard) into dist/dashboard: one script with its chart library,
// its stylesheet and its page, served by the API at /.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const source = join(root, 'apps/dashboard');
const out = join(root, 'dist/dashboard');

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(source, 'src/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
copyFileSync(join(source, 'styles.css'), join(out, 'app.css'));
copyFileSync(join(source, 'index.html'), join(out, 'index.html'));
