// Makes `npm start` and `npm test` work on a fresh clone: installs dependencies when the lock
// file changed since the last install, and rebuilds when any source is newer than the build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const what = process.argv[2] ?? 'build';

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function newestUnder(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(path));
    else if (/\.(ts|html|css)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function run(command) {
  execSync(command, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

const installed = join(root, 'node_modules/.package-lock.json');
if (mtime(installed) < mtime(join(root, 'package-lock.json'))) {
  console.error('[ensure] installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

if (what === 'build') {
  const stamp = join(root, 'dist/.build-stamp');
  const sources = Math.max(
    newestUnder(join(root, 'apps')),
    newestUnder(join(root, 'libs')),
    mtime(join(root, 'tsconfig.json')),
    mtime(join(root, 'tsconfig.build.json')),
    mtime(join(root, 'package-lock.json')),
  );
  if (mtime(stamp) < sources) {
    console.error('[ensure] building…');
    run('npm run build --silent');
    run(`node -e "require('fs').writeFileSync('${stamp}', String(Date.now()))"`);
  }
}
