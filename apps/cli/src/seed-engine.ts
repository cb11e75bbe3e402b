import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export type SeedEngine = { url: string; stop: () => Promise<void> };

// The API's own built program, beside this one in dist/: the seed starts it as a process of its
// own rather than importing it, so that apps never import each other.
const API_PROGRAM = fileURLToPath(new URL('../../api/src/main.js', import.meta.url));
const READY_WITHIN_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the engine on the stores the environment names, on a loopback port of its own, with one
 * admin key (the secret given) and neither logs nor a rate limit; resolves once it answers.
 */
export async function startSeedEngine(secret: string): Promise<SeedEngine> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_PROGRAM], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      SALES_API_KEYS: `demo-seed:admin:${secret}`,
      SALES_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_WITHIN_MS;
  while (child.exitCode === null && child.signalCode === null) {
    const live = await fetch(`${url}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (live) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the engine did not answer within ${READY_WITHIN_MS / 1000} s\n${stderr}`.trim());
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await exited;
  throw new Error(stderr.trim() || `the engine exited with ${child.exitCode ?? child.signalCode}`);
}
