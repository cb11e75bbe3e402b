import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@sales/event-store';
import { toFeedItem } from '../feed-item.js';
import { checkWebhookUrl, HostAllowList } from './webhook-hosts.js';
import { signBody } from './webhook-signature.js';
import type { WebhookDefinition } from './webhook.js';

export type AttemptOutcome = { ok: true } | { ok: false; error: string };

export type HttpPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
) => Promise<number>;

// Node's fetch. Redirects are not followed: the allow-list judges the URL the admin gave, not
// wherever a receiver points it next. The answer's body is not read (only its status counts).
export const fetchPost: HttpPost = async (url, body, headers, signal) => {
  const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal });
  await response.body?.cancel().catch(() => undefined);
  return response.status;
};

export type AttemptOptions = { hosts: HostAllowList; timeoutMs: number; post: HttpPost };

// One POST of one event. The host is checked again here: SALES_WEBHOOK_HOSTS may have been
// narrowed since the webhook was defined.
export async function attemptDelivery(
  definition: WebhookDefinition,
  event: RecordedEvent,
  options: AttemptOptions,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const verdict = checkWebhookUrl(definition.url, options.hosts);
  if (!verdict.ok) return { ok: false, error: `WEBHOOK_HOST_NOT_ALLOWED: ${verdict.reason}` };
  const body = JSON.stringify(toFeedItem(event));
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'sales-engine-webhooks/1',
    'x-sales-webhook-id': definition.id,
    'x-sales-event-position': String(event.position),
    'x-sales-delivery': randomUUID(),
    'x-sales-signature': signBody(definition.secret, body),
  };
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const status = await options.post(verdict.url.href, body, headers, AbortSignal.any([signal, timeout]));
    return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
  } catch (error) {
    if (timeout.aborted) return { ok: false, error: `no answer within ${options.timeoutMs} ms` };
    if (signal.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}
