import type { Provider } from '@nestjs/common';
import { ReadStoreWebhookStore, WEBHOOK_STORE } from '@sales/feed';
import { READ_STORE, type ReadStore } from '@sales/read-store';
import { EventsController } from './events/events.controller.js';
import { WEBHOOK_CONFIG, type WebhookConfig } from '@sales/platform';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { Webhooks } from './webhooks/webhooks.service.js';

// The event feed and webhooks (contract §7).
export const FEED_CONTROLLERS = [EventsController, WebhooksController];

export const feedProviders = (config: WebhookConfig): Provider[] => [
  { provide: WEBHOOK_CONFIG, useValue: config },
  {
    provide: WEBHOOK_STORE,
    useFactory: (reads: ReadStore) => new ReadStoreWebhookStore(reads),
    inject: [READ_STORE],
  },
  Webhooks,
];
