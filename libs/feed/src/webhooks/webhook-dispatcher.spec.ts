import { describe, expect, it } from '@jest/globals';
import { MemoryEventStore, pause } from '@sales/event-store';
import { MemoryReadStore } from '@sales/read-store';
import { ProcessLocalDeliveryLease } from './delivery-lease.js';
import { ReadStoreWebhookStore } from './read-store-webhook-store.js';
import { DelivererDeps } from './webhook-deliverer.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { parseAllowedHosts } from './webhook-hosts.js';
import { initialProgress } from './webhook.js';

const metadata = {
  recordedAt: '2026-03-01T09:30:00.000Z',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
  actorId: null,
  principal: 'test',
  schemaVersion: 1,
};

describe('delivery lease (process-local)', () => {
  it('is held by one owner until released or lapsed; the token grows when it changes hands', async () => {
    let now = 0;
    const lease = new ProcessLocalDeliveryLease(() => now);
    const a = await lease.acquire('webhook:x', 'a', 1_000);
    expect(a).toEqual({ name: 'webhook:x', owner: 'a', token: 1 });
    expect(await lease.acquire('webhook:x', 'b', 1_000)).toBeNull();
    now = 900;
    expect(await lease.renew(a!, 1_000)).toBe(true);
    now = 1_800;
    expect(await lease.acquire('webhook:x', 'b', 1_000)).toBeNull();
    now = 2_000;
    const b = await lease.acquire('webhook:x', 'b', 1_000);
    expect(b?.token).toBe(2);
    expect(await lease.renew(a!, 1_000)).toBe(false);
    await lease.release(a!);
    expect(await lease.renew(b!, 1_000)).toBe(true);
    await lease.release(b!);
    expect((await lease.acquire('webhook:x', 'a', 1_000))?.token).toBe(3);
  });
});

describe('webhook dispatcher', () => {
  it('has exactly one of two dispatchers sharing a lease deliver each webhook, and stops a deleted one', async () => {
    const events = new MemoryEventStore();
    const store = new ReadStoreWebhookStore(new MemoryReadStore());
    const posted: string[] = [];
    const deps = (who: string): DelivererDeps => ({
      events,
      store,
      hosts: parseAllowedHosts('receiver.test'),
      timeoutMs: 1_000,
      backoff: { initialMs: 10, maxMs: 10 },
      random: () => 1,
      now: () => new Date(),
      sleep: (ms, signal) => pause(ms, signal),
      post: async (_url, _body, headers) => {
        posted.push(`${who}:${headers['x-sales-event-position']}`);
        return 200;
      },
    });
    for (const id of ['one', 'two']) {
      await store.saveProgress(id, initialProgress(null, 'now'));
      await store.put({
        id,
        url: 'http://receiver.test/',
        types: null,
        streamPrefix: null,
        secret: 'a-secret-of-some-length',
        createdAt: 'now',
        updatedAt: 'now',
      });
    }
    const lease = new ProcessLocalDeliveryLease();
    const first = new WebhookDispatcher(deps('a'), lease, { pollMs: 20, owner: 'a' });
    const second = new WebhookDispatcher(deps('b'), lease, { pollMs: 20, owner: 'b' });
    first.start();
    second.start();
    await events.append('lead-1', [{ id: 'e1', type: 'LeadCaptured', data: {}, metadata }], 0);
    for (let i = 0; i < 100 && posted.length < 2; i++) await pause(20, new AbortController().signal);
    await pause(100, new AbortController().signal);
    expect(posted).toHaveLength(2);
    await store.delete('two');
    await pause(100, new AbortController().signal);
    await events.append('lead-1', [{ id: 'e2', type: 'LeadCaptured', data: {}, metadata }], 1);
    await pause(200, new AbortController().signal);
    expect(posted.filter((p) => p.endsWith(':2'))).toHaveLength(1);
    await Promise.all([first.stop(), second.stop()]);
  });
});
