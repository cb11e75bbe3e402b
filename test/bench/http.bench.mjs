// Commands over HTTP (autocannon, 50 connections) against a bare Fastify GET /ping measured in the
// same run. Each server runs in its own process; autocannon runs here.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const KEY = 'bench-service-key';
const ANALYST_KEY = 'bench-analyst-key';

function startProcess(args, env, readyText) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // Once the server is ready its output (a log record per request) is read and dropped, as a
    // log shipper would take it: kept and searched here, it would cost the load generator, which
    // runs in this process, more CPU with every request.
    const onData = (chunk) => {
      output += chunk;
      if (!output.includes(readyText)) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.stdout.resume();
      child.stderr.resume();
      resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

const stop = (child) =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });

const bareFastify = `
  const fastify = (await import('fastify')).default({ logger: false });
  fastify.get('/ping', async () => ({ pong: true }));
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('READY');
`;

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, duration: 8, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

// Two references for the same command: the same engine with its projectors in another process
// (SALES_PROJECTORS=external, none running), which shows what the inline projections cost the API
// process; and bare-nest.mjs, the framework alone (Fastify adapter, validated DTO, CommandBus,
// a handler that does nothing).
const commandLoad = (port, body, options = {}) =>
  load({
    url: `http://127.0.0.1:${port}/v1/leads`,
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    ...options,
  });

const startApi = (port, dataDir, env = {}) =>
  startProcess(
    ['dist/apps/api/src/main.js'],
    {
      PORT: String(port),
      SALES_DATA_DIR: dataDir,
      SALES_API_KEYS: `bench:service:${KEY},bench-analyst:analyst:${ANALYST_KEY}`,
      SALES_RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    'listening on',
  );

// The inline projectors run below the request path's priority and catch up after a burst: each
// measurement starts once the API before it has caught up, so that no server's leftover work is
// counted against the next one.
async function caughtUp(port) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const response = await fetch(`http://127.0.0.1:${port}/v1/projections`, {
      headers: { authorization: `Bearer ${ANALYST_KEY}` },
    });
    const projections = await response.json();
    if (projections.every((p) => p.lag === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the projections of the API on port ${port} did not catch up`);
}

export async function benchHttp({ runs = 3 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-bench-http-'));
  const bareDataDir = mkdtempSync(join(tmpdir(), 'sales-bench-http-'));
  const ping = await startProcess(['--input-type=module', '-e', bareFastify], { PORT: '3901' }, 'READY');
  const api = await startApi(3902, dataDir);
  const bare = await startApi(3903, bareDataDir, { SALES_PROJECTORS: 'external' });
  const framework = await startProcess(['test/bench/bare-nest.mjs'], { PORT: '3904' }, 'READY');
  const body = JSON.stringify({ source: 'bench', company: 'Bench Ltd', ownerId: 'rep-1' });
  const pingRuns = [];
  const commandRuns = [];
  const bareRuns = [];
  const frameworkRuns = [];
  const catchUps = [];
  try {
    await load({ url: 'http://127.0.0.1:3901/ping', duration: 2 }); // warm-up
    await commandLoad(3902, body, { duration: 2 });
    await caughtUp(3902);
    await commandLoad(3903, body, { duration: 2 });
    await commandLoad(3904, body, { duration: 2 });
    for (let i = 0; i < runs; i++) {
      pingRuns.push(await load({ url: 'http://127.0.0.1:3901/ping' }));
      commandRuns.push(await commandLoad(3902, body));
      const burstEnded = performance.now();
      await caughtUp(3902);
      catchUps.push((performance.now() - burstEnded) / 1000);
      bareRuns.push(await commandLoad(3903, body));
      frameworkRuns.push(await commandLoad(3904, body));
    }
  } finally {
    await stop(ping);
    await stop(api);
    await stop(bare);
    await stop(framework);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bareDataDir, { recursive: true, force: true });
  }
  const non2xx = [...commandRuns, ...bareRuns, ...frameworkRuns].reduce((n, r) => n + r.non2xx + r.errors, 0);
  const pingRps = median(pingRuns.map((r) => r.requests.average));
  const commandRps = median(commandRuns.map((r) => r.requests.average));
  return {
    name: 'HTTP: POST /v1/leads (1 event each, durable) vs bare Fastify GET /ping, 50 connections',
    commandsPerSecond: Math.round(commandRps),
    commandP99Ms: median(commandRuns.map((r) => r.latency.p99)),
    commandP50Ms: median(commandRuns.map((r) => r.latency.p50)),
    pingPerSecond: Math.round(pingRps),
    ratioToPing: +(commandRps / pingRps).toFixed(3),
    projectionsCaughtUpSecondsAfterBurst: +median(catchUps).toFixed(2),
    withoutInlineProjectors: {
      commandsPerSecond: Math.round(median(bareRuns.map((r) => r.requests.average))),
      commandP99Ms: median(bareRuns.map((r) => r.latency.p99)),
    },
    bareNestNoWork: {
      commandsPerSecond: Math.round(median(frameworkRuns.map((r) => r.requests.average))),
      commandP99Ms: median(frameworkRuns.map((r) => r.latency.p99)),
    },
    failedCommands: non2xx,
  };
}
