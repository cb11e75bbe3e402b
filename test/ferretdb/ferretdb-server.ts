import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Starts the embedded FerretDB of main.go for tests: built once by build.sh (a no-op when the
// binary is newer than its sources), run on an OS-chosen port with a throw-away data directory.

export type FerretDbServer = { url: string; version: string; stop(): Promise<void> };

const here = dirname(fileURLToPath(import.meta.url));
export const ferretDbBinary = join(here, 'bin', 'ferretdb-embedded');

export function buildFerretDb(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(here, 'build.sh')], { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`FerretDB build failed: ${(stderr || error.message).trim().slice(-4000)}`));
      else resolve(ferretDbBinary);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

// The "ready" line is printed once the listener is bound; a TCP connect makes sure of it.
function accepts(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

function waitForReady(child: ChildProcess, stderr: () => string, timeoutMs: number) {
  return new Promise<{ url: string; version: string }>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB did not start: ${why}\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`no "ready" line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, url, , version] = line.split(' ');
      if (word !== 'ready' || !url) return;
      clearTimeout(timer);
      resolve({ url, version: version ?? 'unknown' });
    });
  });
}

export async function startFerretDb(options: { timeoutMs?: number } = {}): Promise<FerretDbServer> {
  const binary = await buildFerretDb();
  const dataDir = await mkdtemp(join(tmpdir(), 'ferretdb-'));
  // Port 0: the OS picks a free port at bind time, so no other process can take it in between.
  // stdin stays open as a lifeline: if this process dies, the server sees EOF and exits.
  const child = spawn(binary, ['-dir', dataDir, '-port', '0', '-exit-on-stdin-eof'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });

  const stop = async () => {
    child.stdin!.end();
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited(child);
    clearTimeout(killer);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const ready = await waitForReady(child, () => log, options.timeoutMs ?? 30_000);
    await accepts(ready.url);
    return { ...ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
