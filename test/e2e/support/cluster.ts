import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbDouble } from '../../esdb-double/esdb-double.js';
import { type FerretDbServer, startFerretDb } from '../../ferretdb/ferretdb-server.js';
import { KEY_SPECS } from './keys.js';

// Several machines on one: one EventStoreDB (the protocol double, in this process) and one
// MongoDB (FerretDB), with API processes and projector workers run from dist/ as deployed. Each
// process has a data directory of its own, as each machine would: nothing they must agree on may
// come from a shared local file.

const root = new URL('../../..', import.meta.url).pathname;

export type Member = {
  role: 'api' | 'worker';
  name: string;
  /** The API's base URL; null for a worker, and while the process is down. */
  url: string | null;
  child: ChildProcess | null;
  alive: boolean;
  log: string;
};

export type Cluster = {
  eventStoreUrl: string;
  mongoUrl: string;
  mongoDb: string;
  apis: Member[];
  workers: Member[];
  liveApis: () => Member[];
  /** SIGKILL; resolves once the process is gone. */
  kill: (member: Member) => Promise<number>;
  restart: (member: Member) => Promise<void>;
  stop: () => Promise<void>;
};

function env(c: { eventStoreUrl: string; mongoUrl: string; mongoDb: string }, dataDir: string) {
  return {
    ...process.env,
    EVENTSTORE_URL: c.eventStoreUrl,
    MONGODB_URL: c.mongoUrl,
    MONGODB_DB: c.mongoDb,
    SALES_PROJECTORS: 'external',
    SALES_API_KEYS: KEY_SPECS.map((k) => `${k.name}:${k.role}:${k.secret}`).join(','),
    SALES_RATE_LIMIT_PER_MINUTE: '0',
    SALES_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
  };
}

// Resolves once the process says it is ready: the API prints its URL, the worker its projections.
function launch(member: Member, program: string, environment: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, program)], { env: environment });
    member.child = child;
    member.log = '';
    const timer = setTimeout(() => reject(new Error(`${member.name} did not start:\n${member.log}`)), 60_000);
    const ready = member.role === 'api' ? /listening on (http:\/\/\S+)/ : /projector \S+ running/;
    const onOutput = (chunk: Buffer) => {
      member.log = (member.log + chunk.toString()).slice(-20_000);
      const match = ready.exec(member.log);
      if (!match || member.alive) return;
      clearTimeout(timer);
      member.alive = true;
      member.url = member.role === 'api' ? match[1] : null;
      resolve();
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.on('exit', (code, signal) => {
      member.alive = false;
      member.url = null;
      clearTimeout(timer);
      reject(new Error(`${member.name} exited with ${code ?? signal}:\n${member.log}`));
    });
  });
}

export async function startCluster(options: { apis: number; workers: number }): Promise<Cluster> {
  const double = await new EsdbDouble().start();
  let ferret: FerretDbServer;
  try {
    ferret = await startFerretDb();
  } catch (error) {
    await double.stop();
    throw error;
  }
  const base = { eventStoreUrl: double.url, mongoUrl: ferret.url, mongoDb: 'cluster' };
  const dirs = mkdtempSync(join(tmpdir(), 'sales-cluster-'));
  const member = (role: Member['role'], name: string): Member => ({
    role,
    name,
    url: null,
    child: null,
    alive: false,
    log: '',
  });
  const apis = Array.from({ length: options.apis }, (_, i) => member('api', `api-${i + 1}`));
  const workers = Array.from({ length: options.workers }, (_, i) => member('worker', `worker-${i + 1}`));
  const start = (m: Member) =>
    launch(
      m,
      m.role === 'api' ? 'dist/apps/api/src/main.js' : 'dist/apps/projector/src/main.js',
      env(base, join(dirs, m.name)),
    );

  const kill = async (m: Member): Promise<number> => {
    const child = m.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Date.now();
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const at = Date.now();
    child.kill('SIGKILL');
    await gone;
    return at;
  };
  const stop = async () => {
    await Promise.all([...apis, ...workers].map((m) => kill(m)));
    await ferret.stop();
    await double.stop();
    rmSync(dirs, { recursive: true, force: true });
  };
  try {
    // The API processes first: each seeds the default pipeline, which the workers then project.
    await Promise.all(apis.map(start));
    await Promise.all(workers.map(start));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...base,
    apis,
    workers,
    liveApis: () => apis.filter((a) => a.alive && a.url),
    kill,
    restart: start,
    stop,
  };
}
