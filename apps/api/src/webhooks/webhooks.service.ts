import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sales/event-store';
import {
  checkWebhookUrl,
  initialProgress,
  pendingEvents,
  WEBHOOK_STORE,
  WebhookDefinition,
  WebhookProgress,
  type WebhookStore,
} from '@sales/feed';
import { ApiError } from '../errors/api-error.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { WEBHOOK_CONFIG, type WebhookConfig } from '@sales/platform';
import type { PutWebhookDto, WebhookViewDto } from './webhook.dto.js';

@Injectable()
export class Webhooks {
  constructor(
    @Inject(WEBHOOK_STORE) private readonly store: WebhookStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async put(id: string, body: PutWebhookDto): Promise<{ created: boolean; view: WebhookViewDto }> {
    const verdict = checkWebhookUrl(body.url, this.config.hosts);
    if (!verdict.ok) throw new ApiError('WEBHOOK_HOST_NOT_ALLOWED', verdict.reason, { url: body.url });
    const now = this.clock.now().toISOString();
    const existing = await this.store.get(id);
    const definition: WebhookDefinition = {
      id,
      url: verdict.url.href,
      types: body.types ?? null,
      streamPrefix: body.streamPrefix ?? null,
      secret: body.secret,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    // Progress first: a deliverer that picks up the new definition finds where to start.
    if (!existing || body.after !== undefined) {
      const start = body.after === undefined ? await this.events.headPosition() : body.after;
      await this.store.saveProgress(id, initialProgress(start, now));
    }
    await this.store.put(definition);
    return { created: !existing, view: await this.view(definition) };
  }

  async get(id: string): Promise<WebhookViewDto> {
    const definition = await this.store.get(id);
    if (!definition) throw new ApiError('WEBHOOK_NOT_FOUND', `no webhook ${id}`);
    return this.view(definition);
  }

  async list(): Promise<WebhookViewDto[]> {
    return Promise.all((await this.store.list()).map((definition) => this.view(definition)));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new ApiError('WEBHOOK_NOT_FOUND', `no webhook ${id}`);
  }

  // The secret stays out: it is only ever used to sign.
  private async view({ secret: _secret, ...definition }: WebhookDefinition): Promise<WebhookViewDto> {
    const progress: WebhookProgress = (await this.store.progress(definition.id)) ?? initialProgress(null, '');
    const lag = await pendingEvents(this.events, progress.position, definition);
    return {
      ...definition,
      position: progress.position,
      lag,
      lastError: progress.lastError,
      failingSince: progress.failingSince,
      attempts: progress.attempts,
    };
  }
}
