// The WebhookStore's behaviour, run over every ReadStore adapter (webhook-store.spec.ts).
import { expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ReadStore } from '@sales/read-store';
import { ReadStoreWebhookStore } from './read-store-webhook-store.js';
import { initialProgress, WebhookDefinition } from './webhook.js';

const definition = (id: string, fields: Partial<WebhookDefinition> = {}): WebhookDefinition => ({
  id,
  url: 'https://hooks.example.com/sales',
  types: null,
  streamPrefix: null,
  secret: 'kept-to-sign-with-1234',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...fields,
});

export function webhookStoreCases(readStore: () => ReadStore): void {
  const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

  it('keeps definitions, secret included, and lists them by id', async () => {
    const store = new ReadStoreWebhookStore(readStore());
    const [b, a] = [unique('b'), unique('a')];
    await store.put(definition(b, { types: ['DealWon'], streamPrefix: 'deal-' }));
    await store.put(definition(a));
    expect(await store.get(b)).toEqual(definition(b, { types: ['DealWon'], streamPrefix: 'deal-' }));
    const ids = (await store.list()).map((d) => d.id).filter((id) => id === a || id === b);
    expect(ids).toEqual([a, b].sort());
    await store.put(
      definition(a, { url: 'https://hooks.example.com/v2', updatedAt: '2026-03-02T00:00:00.000Z' }),
    );
    expect((await store.get(a))?.url).toBe('https://hooks.example.com/v2');
  });

  it('keeps progress per webhook, seen by a second store over the same read store', async () => {
    const id = unique('progress');
    const first = new ReadStoreWebhookStore(readStore());
    await first.put(definition(id));
    expect(await first.progress(id)).toBeNull();
    const failing = {
      ...initialProgress(41, 'now'),
      lastError: 'HTTP 500',
      failingSince: 'then',
      attempts: 3,
    };
    await first.saveProgress(id, failing);
    const second = new ReadStoreWebhookStore(readStore());
    expect(await second.progress(id)).toEqual(failing);
    await second.saveProgress(id, initialProgress(42, 'later'));
    expect(await first.progress(id)).toEqual(initialProgress(42, 'later'));
  });

  it('deletes a definition with its progress, and says whether there was one', async () => {
    const id = unique('deleted');
    const store = new ReadStoreWebhookStore(readStore());
    await store.put(definition(id));
    await store.saveProgress(id, initialProgress(7, 'now'));
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
    expect((await store.list()).some((d) => d.id === id)).toBe(false);
    expect(await store.delete(id)).toBe(false);
    await store.put(definition(id));
    await store.saveProgress(id, initialProgress(null, 'again'));
    expect(await store.progress(id)).toEqual(initialProgress(null, 'again'));
  });
}
