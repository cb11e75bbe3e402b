import { describe, expect, it } from '@jest/globals';
import { MemoryEventStore, pause } from '@sales/event-store';
import { MemoryReadStore } from '@sales/read-store';
import { ReadStoreDeliveryLease } from './read-store-delivery-lease.js';
import { ReadStoreWebhookStore } from './read-store-webhook-store.js';
import { DelivererDeps } from './webhook-deliverer.js';
import { deliveryLeaseName, WebhookDispatcher } from './webhook-dispatcher.js';
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

describe('delivery lease in the read store', () => {
  it('fences the progress writes of a holder whose lease passed to another', async () => {
    const reads = new MemoryReadStore();
    const lease = new ReadStoreDeliveryLease(reads);
    const store = new ReadStoreWebhookStore(reads);
    const a = await lease.acquire(deliveryLeaseName('x'), 'a', 100);
    expect(a).not.toBeNull();
    await store.saveProgress('x', initialProgress(1, 'now'), a!);
    expect(await lease.acquire(deliveryLeaseName('x'), 'b', 1_000)).toBeNull();
    await pause(150, new AbortController().signal);
    const b = await lease.acquire(deliveryLeaseName('x'), 'b', 1_000);
    expect(b?.token).toBeGreaterThan(a!.token);
    await expect(store.saveProgress('x', initialProgress(2, 'now'), a!)).rejects.toMatchObject({
      code: 'FENCED',
    });
    expect(await lease.renew(a!, 1_000)).toBe(false);
    await store.saveProgress('x', initialProgress(3, 'now'), b!);
    expect((await store.progress('x'))?.position).toBe(3);
  });
});

describe('webhook dispatcher', () => {
  it('has exactly one of two dispatchers sharing a lease deliver each webhook, and stops a deleted one', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    const store = new ReadStoreWebhookStore(reads);
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
    const lease = new ReadStoreDeliveryLease(reads);
    const first = new WebhookDispatcher(deps('a'), lease, { pollMs: 20, owner: 'a' });
    const second = new WebhookDispatcher(deps('b'), lease, { pollMs: 20, owner: 'b' });
    first.start();
    second.start();
    await events.append('lead-1', [{ id: 'e1', type: 'LeadCaptured', data: {}, metadata }], 0);
    for (let i = 0; i < 100 && posted.length < 2; i++) await pause(20, new AbortController().signal);
    await pause(100, new AbortController().signal);
    expect(posted).toHaveLength(2);
    // each webhook reported once, by the dispatcher that delivers it, caught up
    const states = [...(await first.states()), ...(await second.states())];
    expect(states.sort((x, y) => x.webhook.localeCompare(y.webhook))).toEqual([
      { webhook: 'one', lag: 0, failingSince: null },
      { webhook: 'two', lag: 0, failingSince: null },
    ]);
    await store.delete('two');
    await pause(100, new AbortController().signal);
    await events.append('lead-1', [{ id: 'e2', type: 'LeadCaptured', data: {}, metadata }], 1);
    await pause(200, new AbortController().signal);
    expect(posted.filter((p) => p.endsWith(':2'))).toHaveLength(1);
    await Promise.all([first.stop(), second.stop()]);
  });
});
