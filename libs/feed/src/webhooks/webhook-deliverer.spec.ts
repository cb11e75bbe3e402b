import { describe, expect, it } from '@jest/globals';
import { MemoryEventStore, NewEvent } from '@sales/event-store';
import { MemoryReadStore } from '@sales/read-store';
import { ReadStoreWebhookStore } from './read-store-webhook-store.js';
import { DEFAULT_BACKOFF } from './webhook-backoff.js';
import { DelivererDeps, runDeliverer } from './webhook-deliverer.js';
import { parseAllowedHosts } from './webhook-hosts.js';
import { verifySignature } from './webhook-signature.js';
import { WebhookDefinition } from './webhook.js';

const event = (type: string, n: number): NewEvent => ({
  id: `e-${type}-${n}`,
  type,
  data: { n, occurredAt: '2026-03-01T09:30:00.000Z' },
  metadata: {
    recordedAt: '2026-03-01T09:30:00.000Z',
    commandId: `c${n}`,
    correlationId: `c${n}`,
    causationId: `c${n}`,
    actorId: null,
    principal: 'test',
    schemaVersion: 1,
  },
});

const definition: WebhookDefinition = {
  id: 'wh-1',
  url: 'http://receiver.test/hook',
  types: ['DealOpened', 'DealWon'],
  streamPrefix: 'deal-',
  secret: 'a-secret-of-some-length',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
};

type Received = { position: number; body: string; headers: Record<string, string> };

// A fake clock: sleeping advances it at once, so the real backoff policy runs in no time.
function harness(failFirst: number) {
  const events = new MemoryEventStore();
  const store = new ReadStoreWebhookStore(new MemoryReadStore());
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const sleeps: number[] = [];
  const received: Received[] = [];
  const attempts: string[] = [];
  const abort = new AbortController();
  let failures = failFirst;
  const deps: DelivererDeps = {
    events,
    store,
    hosts: parseAllowedHosts('receiver.test'),
    timeoutMs: 1_000,
    backoff: DEFAULT_BACKOFF,
    random: () => 1,
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    post: async (_url, body, headers) => {
      attempts.push(headers['x-sales-delivery']);
      if (failures-- > 0) return 500;
      received.push({ position: Number(headers['x-sales-event-position']), body, headers });
      return 204;
    },
  };
  return { events, store, deps, sleeps, received, attempts, abort };
}

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
}

describe('webhook deliverer', () => {
  it('retries a failing receiver with the backoff doubling to 10 min, then delivers every event in order', async () => {
    const h = harness(14);
    await h.events.append('deal-a', [event('DealOpened', 1), event('DealStageAdvanced', 2)], 0);
    await h.events.append('lead-b', [event('LeadCaptured', 3)], 0);
    await h.events.append('deal-a', [event('DealWon', 4)], 2);
    const running = runDeliverer(definition, h.deps, h.abort.signal);
    await until(() => h.received.length === 2);
    expect(h.sleeps).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 600_000, 600_000,
      600_000, 600_000,
    ]);
    expect(h.received.map((r) => JSON.parse(r.body).type)).toEqual(['DealOpened', 'DealWon']);
    expect(h.received.map((r) => r.position)).toEqual([1, 4]);
    for (const r of h.received) {
      expect(verifySignature(definition.secret, r.body, r.headers['x-sales-signature'])).toBe(true);
      expect(JSON.parse(r.body)).toMatchObject({
        position: r.position,
        stream: 'deal-a',
        recordedAt: expect.any(String),
      });
    }
    expect(new Set(h.attempts).size).toBe(h.attempts.length);
    await until(async () => (await h.store.progress('wh-1'))?.position === 4);
    expect(await h.store.progress('wh-1')).toMatchObject({
      lastError: null,
      failingSince: null,
      attempts: 0,
    });
    h.abort.abort();
    await running;
  });

  it('shows the failure under way, and resumes after a restart from the stored position', async () => {
    const h = harness(0);
    await h.events.append('deal-a', [event('DealOpened', 1)], 0);
    const first = new AbortController();
    const running = runDeliverer(definition, h.deps, first.signal);
    await until(() => h.received.length === 1);
    first.abort();
    await running;
    await h.events.append('deal-a', [event('DealWon', 2)], 1);
    let calls = 0;
    const failing: DelivererDeps = {
      ...h.deps,
      post: async () => (calls++ === 0 ? 503 : 200),
      sleep: async () => {
        await new Promise((r) => setTimeout(r, 50));
      },
    };
    const second = new AbortController();
    const again = runDeliverer(definition, failing, second.signal);
    await until(async () => (await h.store.progress('wh-1'))?.lastError !== null);
    expect(await h.store.progress('wh-1')).toMatchObject({
      position: 1,
      lastError: 'event 2: HTTP 503',
      attempts: 1,
    });
    await until(async () => (await h.store.progress('wh-1'))?.position === 2);
    expect(calls).toBe(2);
    second.abort();
    await again;
  });

  it('does not post to a host taken off the allow-list since the webhook was defined', async () => {
    const h = harness(0);
    await h.events.append('deal-a', [event('DealOpened', 1)], 0);
    const narrowed: DelivererDeps = {
      ...h.deps,
      hosts: parseAllowedHosts('other.test'),
      sleep: () => new Promise((r) => setTimeout(r, 20)),
    };
    const running = runDeliverer(definition, narrowed, h.abort.signal);
    await until(async () => (await h.store.progress('wh-1'))?.lastError != null);
    expect((await h.store.progress('wh-1'))?.lastError).toMatch(/WEBHOOK_HOST_NOT_ALLOWED/);
    expect(h.attempts).toEqual([]);
    h.abort.abort();
    await running.catch(() => undefined);
  });

  it('tells its observer the outcome of every attempt, in order', async () => {
    const h = harness(3);
    const seen: string[] = [];
    const observed: DelivererDeps = {
      ...h.deps,
      observer: { attempted: (id, outcome) => seen.push(`${id}:${outcome}`) },
    };
    await h.events.append('deal-a', [event('DealOpened', 1), event('DealWon', 2)], 0);
    const running = runDeliverer(definition, observed, h.abort.signal);
    await until(() => h.received.length === 2);
    expect(seen).toEqual(['wh-1:failed', 'wh-1:failed', 'wh-1:failed', 'wh-1:delivered', 'wh-1:delivered']);
    h.abort.abort();
    await running.catch(() => undefined);
  });
});
