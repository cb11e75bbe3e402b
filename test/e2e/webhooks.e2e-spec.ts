import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { startAppWith } from './support/app-with-options.js';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { testConfig, TestApp } from './support/test-app.js';
import { DEFAULT_BACKOFF } from '@sales/feed';
import { Delivery, WebhookReceiver } from './support/webhook-receiver.js';
import type { AppConfig } from '@sales/platform';

const admin = bearer('admin');
const svc = bearer('service');
const SECRET = 'whsec-test-0123456789abcdef';

// Short waits so that the test takes seconds: the cap on the backoff (10 min in production) and
// the request timeout come from the same settings an operator has (SALES_WEBHOOK_*_MS).
const WEBHOOKS = { backoff: { initialMs: 1_000, maxMs: 300 }, timeoutMs: 400, pollMs: 100 };

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The receiver's own check, as the README shows it.
const validSignature = (d: Delivery) =>
  d.headers['x-sales-signature'] === `sha256=${createHmac('sha256', SECRET).update(d.body).digest('hex')}`;

describe.each(STORE_TARGETS)('webhooks on $name', (target) => {
  let api: TestApp;
  let config: AppConfig;
  let stopStore: () => Promise<void>;
  const receiver = new WebhookReceiver();
  const data = tempDataDir();
  const run = `w${Date.now()}`;
  let n = 0;

  const start = async () => {
    const allowed = new Set(['127.0.0.1']);
    api = await startAppWith(config, { webhooks: { ...WEBHOOKS, hosts: allowed } });
  };
  const capture = async () => {
    const res = await api
      .http()
      .post('/v1/leads')
      .set(svc)
      .send({ leadId: `${run}-${++n}`, source: 'web', company: `Co ${n}`, ownerId: 'rep-1' });
    expect(res.status).toBe(201);
    return res.body.position as number;
  };
  const webhook = () => api.http().get(`/v1/webhooks/${run}`).set(admin);
  // Every position accepted (2xx), first occurrences in order: at least once, in order, none skipped.
  const acceptedPositions = () => [
    ...new Set(receiver.accepted().map((d) => Number(d.headers['x-sales-event-position']))),
  ];

  beforeAll(async () => {
    const started = await target.start();
    stopStore = started.stop;
    config = testConfig(data.dir, started.eventStoreUrl);
    await receiver.start();
    await start();
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
    await stopStore();
    data.remove();
  });

  it('is admin only, keeps the secret to itself, and refuses hosts not in SALES_WEBHOOK_HOSTS', async () => {
    const url = `http://127.0.0.1:${receiver.port}/hook`;
    const put = (id: string, body: object, who = admin) =>
      api.http().put(`/v1/webhooks/${id}`).set(who).send(body);
    expect((await put(`${run}-x`, { url, secret: SECRET }, svc)).status).toBe(403);
    const refused = await put(`${run}-x`, { url: 'http://example.com/hook', secret: SECRET });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('WEBHOOK_HOST_NOT_ALLOWED');
    expect((await put(`${run}-x`, { url: 'file:///etc/passwd', secret: SECRET })).body.code).toBe(
      'WEBHOOK_HOST_NOT_ALLOWED',
    );
    const bad = await put(`${run}-x`, { url, secret: 'short', types: ['not a type'], extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['extra', 'secret', 'types'].sort(),
    );

    const created = await put(`${run}-x`, { url, secret: SECRET, types: ['DealWon'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: `${run}-x`,
      url,
      types: ['DealWon'],
      streamPrefix: null,
      lag: 0,
    });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    expect((await put(`${run}-x`, { url, secret: SECRET })).status).toBe(200);
    const listed = await api.http().get('/v1/webhooks').set(admin);
    expect(listed.body.map((w: { id: string }) => w.id)).toContain(`${run}-x`);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect((await api.http().delete(`/v1/webhooks/${run}-x`).set(admin)).status).toBe(204);
    expect((await api.http().get(`/v1/webhooks/${run}-x`).set(admin)).body.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await api.http().delete(`/v1/webhooks/${run}-x`).set(admin)).status).toBe(404);
  });

  it('delivers through failures, timeouts, a receiver down for a while and a restart: every event, in order, signed', async () => {
    const created = await api
      .http()
      .put(`/v1/webhooks/${run}`)
      .set(admin)
      .send({ url: `http://127.0.0.1:${receiver.port}/hook`, secret: SECRET, streamPrefix: 'lead-' });
    expect(created.status).toBe(201);
    const expected: number[] = [];

    // Two 500s, then two requests left unanswered past the timeout, then recovery.
    receiver.next('fail', 'fail', 'hang', 'hang');
    for (let i = 0; i < 4; i++) expected.push(await capture());
    const failing = await until(webhook, (res) => res.body.lastError !== null);
    expect(failing.body).toMatchObject({ failingSince: expect.any(String), lag: 4 });
    await until(acceptedPositions, (seen) => seen.length === 4);
    expect(receiver.deliveries.slice(0, 5).map((d) => d.answered)).toEqual([500, 500, 'hung', 'hung', 204]);

    // Down: connection refused for a while, commands go on (and are not slowed down).
    await receiver.stop();
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) expected.push(await capture());
    expect(Date.now() - t0).toBeLessThan(5_000);
    await until(webhook, (res) => /ECONNREFUSED|fetch failed/.test(res.body.lastError ?? ''));
    await new Promise((r) => setTimeout(r, 1_500));
    await receiver.start(receiver.port);
    await until(acceptedPositions, (seen) => seen.length === 7);

    // A restart: delivery goes on from the stored position.
    await api.close();
    await start();
    for (let i = 0; i < 2; i++) expected.push(await capture());
    await until(acceptedPositions, (seen) => seen.length === 9);

    expect(acceptedPositions()).toEqual(expected);
    const accepted = receiver.accepted();
    expect(accepted.every(validSignature)).toBe(true);
    for (const d of accepted) {
      const item = JSON.parse(d.body);
      expect(item).toMatchObject({
        position: Number(d.headers['x-sales-event-position']),
        type: 'LeadCaptured',
      });
      expect(item.stream.startsWith('lead-')).toBe(true);
    }
    const ids = receiver.deliveries.map((d) => d.headers['x-sales-delivery']);
    expect(new Set(ids).size).toBe(ids.length);
    const done = await until(webhook, (res) => res.body.position === expected.at(-1));
    expect(done.body).toMatchObject({ lag: 0, lastError: null, failingSince: null, attempts: 0 });
  });
});

// The case at full scale, on SQLite only (the backoff does not depend on the store): the
// receiver is down for 30 s under the production backoff (1 s doubling, jittered, capped at
// 10 min), so the retries run 1, 2, 4, 8, 16, then up to 32 s apart; everything arrives afterwards.
describe('webhooks with the default backoff', () => {
  let api: TestApp;
  const receiver = new WebhookReceiver();
  const data = tempDataDir();
  const run = `o${Date.now()}`;
  let n = 0;
  const capture = async () => {
    const res = await api
      .http()
      .post('/v1/leads')
      .set(svc)
      .send({ leadId: `${run}-${++n}`, source: 'web', company: `Co ${n}`, ownerId: 'rep-1' });
    expect(res.status).toBe(201);
    return res.body.position as number;
  };
  const webhook = () => api.http().get(`/v1/webhooks/${run}`).set(admin);
  const acceptedPositions = () => [
    ...new Set(receiver.accepted().map((d) => Number(d.headers['x-sales-event-position']))),
  ];

  beforeAll(async () => {
    await receiver.start();
    const webhooks = { backoff: DEFAULT_BACKOFF, timeoutMs: 10_000, pollMs: 100 };
    api = await startAppWith(testConfig(data.dir, null), {
      webhooks: { ...webhooks, hosts: new Set(['127.0.0.1']) },
    });
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
    data.remove();
  });

  it('a receiver killed for 30 s gets every event afterwards, in order, each signature valid', async () => {
    const created = await api
      .http()
      .put(`/v1/webhooks/${run}`)
      .set(admin)
      .send({ url: `http://127.0.0.1:${receiver.port}/hook`, secret: SECRET, streamPrefix: 'lead-' });
    expect(created.status).toBe(201);
    const expected = [await capture()];
    await until(acceptedPositions, (seen) => seen.length === 1);

    await receiver.stop();
    const down = Date.now();
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) expected.push(await capture());
    expect(Date.now() - t0).toBeLessThan(2_000);
    const failing = await until(webhook, (res) => /ECONNREFUSED|fetch failed/.test(res.body.lastError ?? ''));
    expect(failing.body).toMatchObject({ failingSince: expect.any(String), lag: 3 });
    // Commands go on while it is down, and are not slowed by it.
    await new Promise((r) => setTimeout(r, 15_000));
    const t1 = Date.now();
    expected.push(await capture());
    expect(Date.now() - t1).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() - down)));
    expect(acceptedPositions()).toEqual(expected.slice(0, 1));
    const attemptsWhileDown = (await webhook()).body.attempts as number;
    expect(attemptsWhileDown).toBeGreaterThanOrEqual(4);
    expect(attemptsWhileDown).toBeLessThanOrEqual(6);

    await receiver.start(receiver.port);
    expected.push(await capture());
    await until(acceptedPositions, (seen) => seen.length === expected.length, 40_000);
    expect(acceptedPositions()).toEqual(expected);
    const accepted = receiver.accepted();
    expect(accepted.every(validSignature)).toBe(true);
    expect(accepted.map((d) => JSON.parse(d.body).position)).toEqual(expected);
    const done = await until(webhook, (res) => res.body.position === expected.at(-1));
    expect(done.body).toMatchObject({ lag: 0, lastError: null, failingSince: null, attempts: 0 });
  }, 80_000);
});
