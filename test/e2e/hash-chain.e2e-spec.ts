import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@sales/event-store';
import { auditVerify } from '../../apps/cli/src/audit.command.js';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, sqliteTarget, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const auditor = bearer('auditor');

// Four events on a deal: opened, moved, an activity, reassigned.
async function dealWithHistory(api: TestApp, dealId: string) {
  const ok = (response: { status: number }) => expect(response.status).toBe(201);
  ok(
    await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ dealId, title: 'T', accountId: 'acme', ownerId: 'rep-1', amount: 1234.5 }),
  );
  ok(await api.http().post(`/v1/deals/${dealId}/stage`).set(svc).send({ stageId: 'quote' }));
  ok(
    await api
      .http()
      .post(`/v1/deals/${dealId}/activities`)
      .set(svc)
      .send({ type: 'call', outcome: 'interested' }),
  );
  ok(await api.http().post(`/v1/deals/${dealId}/owner`).set(svc).send({ ownerId: 'rep-2' }));
}

describe.each(STORE_TARGETS)('the hash chain over HTTP on $name', (target) => {
  let api: TestApp;
  let stop: () => Promise<void>;
  const data = tempDataDir();

  beforeAll(async () => {
    const started = await target.start();
    stop = started.stop;
    api = await startApp(testConfig(data.dir, started.eventStoreUrl));
    await dealWithHistory(api, 'chain-1');
  });
  afterAll(async () => {
    await api.close();
    await stop();
    data.remove();
  });

  it('history shows each event chained onto the one before it', async () => {
    const history = await api.http().get('/v1/deals/chain-1/history').set(auditor);
    expect(history.status).toBe(200);
    const entries = history.body as { revision: number; hash: string; prevHash: string | null }[];
    expect(entries.map((e) => e.revision)).toEqual([1, 2, 3, 4]);
    expect(entries[0].prevHash).toBeNull();
    for (const entry of entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    for (let k = 1; k < entries.length; k++) expect(entries[k].prevHash).toBe(entries[k - 1].hash);
  });

  it('verifies one stream and every stream', async () => {
    const one = await api.http().get('/v1/audit/verify?stream=deal-chain-1').set(auditor);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      ok: true,
      streamsChecked: 1,
      eventsChecked: 4,
      brokenLinks: 0,
      firstBroken: null,
    });
    const all = await api.http().get('/v1/audit/verify').set(bearer('admin'));
    expect(all.body).toMatchObject({ ok: true, firstBroken: null });
    // the default pipeline and the deal, at least
    expect(all.body.streamsChecked).toBeGreaterThanOrEqual(2);
    expect(all.body.eventsChecked).toBeGreaterThanOrEqual(5);
  });
});

describe('tampering with the SQLite file is found and named', () => {
  let api: TestApp;
  const data = tempDataDir();
  const file = () => join(data.dir, 'events.db');
  // Edits the stored events behind the engine's back, as someone with the file could.
  const tamper = (sql: string, ...params: unknown[]) => {
    const db = new Database(file());
    try {
      return db.prepare(sql).run(...params).changes;
    } finally {
      db.close();
    }
  };
  const verify = async (stream?: string) => {
    const response = await api
      .http()
      .get(stream ? `/v1/audit/verify?stream=${stream}` : '/v1/audit/verify')
      .set(auditor);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    api = await startApp(testConfig(data.dir, (await sqliteTarget.start()).eventStoreUrl));
    for (const id of ['t-data', 't-meta', 't-gap']) await dealWithHistory(api, id);
    expect(await verify()).toMatchObject({ ok: true, brokenLinks: 0 });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('one changed digit in the data of one event: a hash mismatch at that stream and revision', async () => {
    const db = new Database(file(), { readonly: true });
    const { data: stored } = db
      .prepare<[string, number], { data: string }>('SELECT data FROM events WHERE stream = ? AND version = ?')
      .get('deal-t-data', 2) as { data: string };
    db.close();
    const edited = stored.replace(/\d/, (d) => String((Number(d) + 1) % 10));
    expect(edited.length).toBe(stored.length);
    expect(
      tamper('UPDATE events SET data = ? WHERE stream = ? AND version = ?', edited, 'deal-t-data', 2),
    ).toBe(1);

    const expected = { stream: 'deal-t-data', revision: 2, reason: 'hash mismatch' };
    expect(await verify('deal-t-data')).toMatchObject({ ok: false, brokenLinks: 1, firstBroken: expected });
    expect(await verify()).toMatchObject({ ok: false, brokenLinks: 1, firstBroken: expected });
    expect(await verify('deal-t-meta')).toMatchObject({ ok: true });
  });

  it('a changed metadata field: a hash mismatch at that revision', async () => {
    tamper(
      "UPDATE events SET metadata = json_set(metadata, '$.actorId', 'mallory') WHERE stream = ? AND version = ?",
      'deal-t-meta',
      3,
    );
    expect(await verify('deal-t-meta')).toMatchObject({
      ok: false,
      firstBroken: { stream: 'deal-t-meta', revision: 3, reason: 'hash mismatch' },
    });
    expect((await verify()).brokenLinks).toBe(2);
  });

  it('a deleted middle event: a prevHash mismatch at the event after the gap', async () => {
    tamper('DELETE FROM events WHERE stream = ? AND version = ?', 'deal-t-gap', 2);
    const report = await verify('deal-t-gap');
    expect(report).toMatchObject({
      ok: false,
      eventsChecked: 3,
      firstBroken: {
        stream: 'deal-t-gap',
        revision: 3,
        reason: 'prevHash mismatch',
        message: 'revision 2 is missing',
      },
    });
    expect((await verify()).brokenLinks).toBe(3);
  });

  it('the CLI names the first broken link and exits 1 (0 for an intact stream)', async () => {
    const store = new SqliteEventStore(file());
    const lines: string[] = [];
    try {
      expect(await auditVerify(store, { stream: null, json: false }, (line) => lines.push(line))).toBe(1);
      expect(lines.join('\n')).toContain('deal-t-data revision 2');
      expect(lines.join('\n')).toContain('3 broken link(s)');
      const json: string[] = [];
      expect(await auditVerify(store, { stream: 'deal-t-gap', json: true }, (line) => json.push(line))).toBe(
        1,
      );
      expect(JSON.parse(json.join('\n')).firstBroken).toMatchObject({ stream: 'deal-t-gap', revision: 3 });
      expect(await auditVerify(store, { stream: 'pipeline-default', json: false }, () => undefined)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
