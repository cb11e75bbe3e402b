import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

export type EngineProcess = {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output: () => string;
};

/**
 * Runs a built program of the project (as `npm start` does) and waits for it to exit; killed after
 * `timeoutMs`. Asynchronous on purpose: an API under test in this process keeps serving meanwhile.
 */
export function runBuilt(
  program: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, program), ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the built API on a free port and resolves with its URL once it listens. */
export function startEngine(env: Record<string, string>): Promise<EngineProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
      env: { ...process.env, EVENTSTORE_URL: '', MONGODB_URL: '', PORT: '0', HOST: '127.0.0.1', ...env },
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the engine did not start:\n${output}`)), 60_000);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => reject(new Error(`the engine exited with ${code}:\n${output}`)));
  });
}
