import { expect } from '@jest/globals';
import { bearer } from './keys.js';
import { type StoreTarget, tempDataDir } from './store-targets.js';
import { startApp, testConfig, type TestApp } from './test-app.js';

/**
 * An engine on a store target with its clock at `now`: commands by a service key, each answered
 * 201 and remembered by its log position, and reports by an analyst key that wait for the read
 * models to have reached the last of them.
 */
export function reportsOverHttp(target: StoreTarget, now: Date) {
  const data = tempDataDir();
  let api: TestApp;
  let stopStore: () => Promise<void> = async () => undefined;
  let position = 0;
  return {
    start: async () => {
      const started = await target.start();
      stopStore = started.stop;
      api = await startApp(testConfig(data.dir, started.eventStoreUrl), { now: () => now });
    },
    stop: async () => {
      await api?.close();
      await stopStore();
      data.remove();
    },
    command: async (method: 'post' | 'patch', path: string, body: Record<string, unknown>) => {
      const response = await api.http()[method](path).set(bearer('service')).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 201 });
      position = response.body.position;
    },
    report: (name: string, query: Record<string, unknown>) =>
      api
        .http()
        .get(`/v1/reports/${name}`)
        .query({ minPosition: position, ...query })
        .set(bearer('analyst')),
    /** the log position of the last command */
    position: () => position,
  };
}
