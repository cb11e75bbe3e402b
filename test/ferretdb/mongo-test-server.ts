import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { buildFerretDb, FerretDbServer, startFerretDb } from './ferretdb-server.js';

// A MongoDB for a test file: MONGODB_URL when set (a real server), else the embedded FerretDB.
// In CI (CI or REQUIRE_MONGO set) a missing server fails the suite; elsewhere the suite is skipped
// with a warning, so a machine without Go can still run the other tests. Call it at the top level
// of the test file: `const mongo = await useMongoServer('…'); if (mongo) { … }`.
export type MongoForTests = {
  label: string;
  url: () => string;
  /** a database of its own for this file, dropped at the end (a real server is left as found) */
  dbName: string;
  client: () => MongoClient;
  /** The embedded FerretDB's version (`v1.24.2`); null on a real server. */
  ferretDbVersion: () => string | null;
};

export async function useMongoServer(what: string): Promise<MongoForTests | null> {
  const realServer = process.env.MONGODB_URL;
  const required = Boolean(process.env.CI || process.env.REQUIRE_MONGO);
  if (!realServer) {
    try {
      await buildFerretDb();
    } catch (error) {
      if (required) throw error;
      console.warn(
        `\n!!! ${what} NOT TESTED: no MONGODB_URL and FerretDB could not be built.\n${String(error)}\n`,
      );
      // Said in the report as well as in the log, and the file still holds a test for Jest to run.
      describe.skip(`${what} (no MONGODB_URL, FerretDB unavailable)`, () => {
        it('needs MONGODB_URL or a Go toolchain', () => undefined);
      });
      return null;
    }
  }
  let server: FerretDbServer | undefined;
  let url = '';
  let client: MongoClient | undefined;
  const dbName = `test_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    if (realServer) url = realServer;
    else {
      server = await startFerretDb();
      url = server.url;
    }
    client = await MongoClient.connect(url, { ignoreUndefined: true });
  }, 60_000);
  afterAll(async () => {
    await client?.db(dbName).dropDatabase();
    await client?.close();
    await server?.stop();
  }, 60_000);
  return {
    label: realServer ? 'mongo (MONGODB_URL)' : 'mongo (FerretDB)',
    url: () => url,
    dbName,
    client: () => {
      if (!client) throw new Error('the MongoDB test server is not started yet');
      return client;
    },
    ferretDbVersion: () => server?.version ?? null,
  };
}
