import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys } from '../auth/api-keys.js';
import { ApiError } from '../errors/api-error.js';
import { IdempotencyStore } from './idempotency-store.js';

const IN_FLIGHT_WAIT_MS = 10_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
type Tracked = FastifyRequest & { idempotency?: { scope: string; fingerprint: string; release: () => void } };

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Around every command, at the transport edge: a retry with the same key and body gets the first
// response (as 200) and runs nothing; the same key with another body is refused. Keys are scoped to
// the API key that used them. While the first request runs, a retry waits for it.
export function registerIdempotency(app: FastifyInstance, keys: ApiKeys, store: IdempotencyStore): void {
  const inFlight = new Map<string, Promise<void>>();

  app.addHook('preHandler', async (request: Tracked, reply: FastifyReply) => {
    // Fastify can run the hooks of a request twice (a not-found route after a matched one): the
    // request already holds its key then, and must not wait for itself.
    if (request.idempotency) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined || request.method === 'GET' || request.method === 'HEAD') return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw new ApiError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 visible ASCII characters', [
        { field: 'Idempotency-Key', errors: ['must be 1–200 visible ASCII characters'] },
      ]);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const principal = bearer ? keys.authenticate(bearer[1]) : null;
    if (!principal) return; // the guard answers 401
    const scope = `${principal.name}\n${key}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`)
      .digest('hex');
    const waitUntil = Date.now() + IN_FLIGHT_WAIT_MS;
    while (inFlight.has(scope)) {
      const left = waitUntil - Date.now();
      if (left <= 0) {
        throw new ApiError(
          'IDEMPOTENCY_KEY_IN_USE',
          'a request with this Idempotency-Key is still running; retry later',
        );
      }
      await Promise.race([inFlight.get(scope), new Promise((resolve) => setTimeout(resolve, left).unref())]);
    }
    const stored = store.find(scope);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used with a different request',
        );
      }
      reply
        .code(stored.status === 201 ? 200 : stored.status)
        .header('content-type', 'application/json; charset=utf-8');
      reply.header('idempotent-replay', 'true');
      return reply.send(stored.body);
    }
    let release!: () => void;
    inFlight.set(scope, new Promise<void>((resolve) => (release = resolve)));
    request.idempotency = {
      scope,
      fingerprint,
      release: () => {
        inFlight.delete(scope);
        release();
      },
    };
  });

  app.addHook('onSend', async (request: Tracked, reply, payload) => {
    const tracked = request.idempotency;
    if (tracked && reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      store.save(tracked.scope, {
        fingerprint: tracked.fingerprint,
        status: reply.statusCode,
        body: payload,
      });
    }
    return payload;
  });

  app.addHook('onResponse', async (request: Tracked) => {
    request.idempotency?.release();
  });
  app.addHook('onRequestAbort', async (request: Tracked) => {
    request.idempotency?.release();
  });
}
