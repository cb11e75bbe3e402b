import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventStore, Position } from '@sales/event-store';
import { EventSelection, streamFilterOf, toFeedItem } from '@sales/feed';
import { applySecurityHeaders } from '../common/security-headers.js';
import { toErrorBody } from '../errors/error-response.js';

export const KEEP_ALIVE_MS = 15_000;

// The feed's live tail as server-sent events: one message per event, its id the position, so
// that a client (EventSource) reconnecting sends Last-Event-ID and resumes right after it.
// Written on the raw response after hijacking the reply: Fastify would otherwise end it when the
// handler returns. Hijacked replies skip the onSend hook, so the security (and CORS) headers
// already on the reply are copied over here. The subscription ends with the connection.
export async function streamTail(
  request: FastifyRequest,
  reply: FastifyReply,
  events: EventStore,
  after: Position | null,
  selection: EventSelection,
  closing: AbortSignal,
  keepAliveMs = KEEP_ALIVE_MS,
): Promise<void> {
  applySecurityHeaders(request.url, reply);
  reply.hijack();
  const raw = reply.raw;
  const headers = Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined);
  raw.writeHead(200, {
    ...(Object.fromEntries(headers) as Record<string, string | number | string[]>),
    'content-type': 'text/event-stream; charset=utf-8',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const abort = new AbortController();
  const stop = () => abort.abort();
  request.raw.once('close', stop);
  raw.once('close', stop);
  raw.once('error', stop);
  if (closing.aborted) stop();
  closing.addEventListener('abort', stop, { once: true });
  raw.write(`retry: 2000\n: tail after ${after ?? 'the start'}\n\n`);
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), keepAliveMs);
  try {
    for await (const event of events.subscribe(after, streamFilterOf(selection), abort.signal)) {
      if (selection.types !== null && !selection.types.includes(event.type)) continue;
      const message = `id: ${event.position}\ndata: ${JSON.stringify(toFeedItem(event))}\n\n`;
      if (!raw.write(message)) await once(raw, 'drain', { signal: abort.signal });
    }
  } catch (error) {
    // The store went away (or the client did): tell a client still there, which reconnects with
    // Last-Event-ID and loses nothing.
    if (!abort.signal.aborted && !raw.destroyed)
      raw.write(`event: error\ndata: ${JSON.stringify(toErrorBody(error))}\n\n`);
  } finally {
    clearInterval(keepAlive);
    closing.removeEventListener('abort', stop);
    abort.abort();
    if (!raw.destroyed) raw.end();
  }
}
