import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig } from '@sales/platform';
import { ProjectionThreadClient } from './projection-thread-client.js';

// A stand-in thread speaking the protocol: it counts its incarnations in shared memory, answers
// every call with its incarnation, and the first one dies soon after it started.
const THREAD = `
import { parentPort, workerData } from 'node:worker_threads';
const incarnation = Atomics.add(new Int32Array(workerData.counter), 0, 1);
parentPort.postMessage({ started: true });
parentPort.on('message', (m) => {
  if (m.id !== undefined) parentPort.postMessage({ id: m.id, result: incarnation });
  if (m.stop) { parentPort.postMessage({ stopped: true }); }
});
if (incarnation === 0) setTimeout(() => process.exit(3), 50);
`;

describe('ProjectionThreadClient', () => {
  it('says when the thread dies after its start and starts it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projection-thread-'));
    const script = join(dir, 'thread.mjs');
    writeFileSync(script, THREAD);
    const lost: string[] = [];
    const config = { counter: new SharedArrayBuffer(4) } as unknown as AppConfig;
    const client = new ProjectionThreadClient(config, (message) => lost.push(message), pathToFileURL(script));
    try {
      await client.start();
      expect(await client.list()).toBe(0);
      for (const deadline = Date.now() + 5000; lost.length === 0 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lost).toEqual(['the projection thread stopped (exit code 3)']);
      await expect(client.list()).rejects.toThrow('exit code 3');
      let answer: unknown = null;
      for (const deadline = Date.now() + 5000; answer !== 1 && Date.now() < deadline;) {
        answer = await client.list().catch(() => null);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(answer).toBe(1);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
