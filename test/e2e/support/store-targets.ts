import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every e2e suite runs once per event store: the embedded default, and EventStoreDB through the
// real client against the protocol double (or a real server when EVENTSTORE_URL is set).
export type StoreTarget = {
  name: string;
  start: () => Promise<{ eventStoreUrl: string | null; stop: () => Promise<void> }>;
};

export const sqliteTarget: StoreTarget = {
  name: 'sqlite',
  start: async () => ({ eventStoreUrl: null, stop: async () => undefined }),
};

export const esdbTarget: StoreTarget = process.env.EVENTSTORE_URL
  ? {
      name: 'eventstoredb (server)',
      start: async () => ({
        eventStoreUrl: process.env.EVENTSTORE_URL as string,
        stop: async () => undefined,
      }),
    }
  : {
      name: 'eventstoredb (protocol double)',
      start: async () => {
        const { EsdbDouble } = await import('../../esdb-double/esdb-double.js');
        const running = await new EsdbDouble().start();
        return { eventStoreUrl: running.url, stop: () => running.stop() };
      },
    };

export const STORE_TARGETS: StoreTarget[] = [sqliteTarget, esdbTarget];

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sales-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
