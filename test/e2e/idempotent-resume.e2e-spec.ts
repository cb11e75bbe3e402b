import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { IdempotencyStore } from '../../apps/api/src/idempotency/idempotency-store.port.js';
import { SqliteIdempotencyStore } from '../../apps/api/src/idempotency/sqlite-idempotency-store.js';
import { startAppWith } from './support/app-with-options.js';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { testConfig, TestApp } from './support/test-app.js';

const CLAIM_TTL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A process that appended a command's events and died before it could store the response: its
// claim on the Idempotency-Key expires, and the retry (on any process) runs the command again.
// Every attempt of one request carries the same commandId and the same server-generated ids, so
// the retry finds what the dead attempt appended and answers as it would have, appending nothing.
// Stood for here by a store whose `complete` fails: the claim stays pending until it expires.
function dyingBeforeCompletion(dir: string): (configured: IdempotencyStore) => IdempotencyStore {
  return (configured) => {
    void configured.close();
    const store = new SqliteIdempotencyStore(join(dir, 'idempotency.db'), { claimTtlMs: CLAIM_TTL_MS });
    let dying = true;
    return {
      claim: (scope, fingerprint) => store.claim(scope, fingerprint),
      complete: async (claim, response) => {
        if (dying) throw new Error('the process died before storing the response');
        return store.complete(claim, response);
      },
      release: (claim) => store.release(claim),
      close: async () => {
        dying = false;
        await store.close();
      },
    };
  };
}

describe.each(STORE_TARGETS)('a retry after an attempt that appended and died ($name)', (target) => {
  let api: TestApp;
  let stopStore: () => Promise<void>;
  const data = tempDataDir();

  beforeAll(async () => {
    const store = await target.start();
    stopStore = store.stop;
    api = await startAppWith(testConfig(data.dir, store.eventStoreUrl), {
      idempotency: dyingBeforeCompletion(data.dir),
    });
  });
  afterAll(async () => {
    await api.close();
    await stopStore();
    data.remove();
  });

  const send = (path: string, key: string, body: object) =>
    api.http().post(path).set(bearer('service')).set('Idempotency-Key', key).send(body);
  const typesIn = async (entity: 'leads' | 'deals', id: string) => {
    const history = await api.http().get(`/v1/${entity}/${id}/history`).set(bearer('auditor'));
    expect(history.status).toBe(200);
    return (history.body as { type: string }[]).map((e) => e.type);
  };

  it('finds the events of the attempt that died and appends nothing again', async () => {
    const first = await send('/v1/leads', 'resume-capture', {
      source: 'web',
      company: 'Acme',
      ownerId: 'rep-a',
    });
    expect(first.status).toBe(201);
    await sleep(CLAIM_TTL_MS + 100);
    const retried = await send('/v1/leads', 'resume-capture', {
      source: 'web',
      company: 'Acme',
      ownerId: 'rep-a',
    });
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    const leadId = first.body.id as string;

    const activity = { type: 'call', outcome: 'reached' };
    const logged = await send(`/v1/leads/${leadId}/activities`, 'resume-activity', activity);
    await sleep(CLAIM_TTL_MS + 100);
    const loggedAgain = await send(`/v1/leads/${leadId}/activities`, 'resume-activity', activity);
    expect(loggedAgain.body).toEqual(logged.body);

    const conversion = { title: 'Deal', accountId: 'acc-1', amount: 1200 };
    const converted = await send(`/v1/leads/${leadId}/convert`, 'resume-convert', conversion);
    expect(converted.status).toBe(201);
    await sleep(CLAIM_TTL_MS + 100);
    const convertedAgain = await send(`/v1/leads/${leadId}/convert`, 'resume-convert', conversion);
    expect(convertedAgain.status).toBe(201);
    expect(convertedAgain.body.dealId).toBe(converted.body.dealId);

    expect(await typesIn('leads', leadId)).toEqual(['LeadCaptured', 'ActivityLogged', 'LeadConverted']);
    expect(await typesIn('deals', converted.body.dealId)).toEqual(['DealOpened']);
  });
});
