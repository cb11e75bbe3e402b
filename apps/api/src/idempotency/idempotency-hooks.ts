import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertNever } from '@sales/domain';
import { ApiKeys } from '../auth/api-keys.js';
import { ApiError } from '../errors/api-error.js';
import { claimOrWait } from './claim-or-wait.js';
import type { IdempotencyClaim, IdempotencyStore } from './idempotency-store.port.js';
import { requestFingerprint } from './request-fingerprint.js';

const IN_FLIGHT_WAIT_MS = 10_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
type Tracked = FastifyRequest & { idempotency?: { claim: IdempotencyClaim; settled: boolean } };

/** The Idempotency-Key this request holds, if any: its scope and which attempt on it this is. */
export const idempotencyClaimOf = (request: FastifyRequest): IdempotencyClaim | null =>
  (request as Tracked).idempotency?.claim ?? null;

const unavailable = (error: unknown) => {
  if (error instanceof ApiError) return error;
  return new ApiError('SERVICE_UNAVAILABLE', 'the idempotency store is not reachable; retry later');
};

// Around every command, at the transport edge: a retry with the same key and body gets the first
// response (as 200) and runs nothing; the same key with another body is refused. Keys are scoped to
// the API key that used them. The key is claimed in the shared store before the command runs, so a
// duplicate on any process waits for the first (up to 10 s) and then answers as it did.
export function registerIdempotency(
  app: FastifyInstance,
  keys: ApiKeys,
  store: IdempotencyStore,
  waitMs = IN_FLIGHT_WAIT_MS,
): void {
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
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const outcome = await claimOrWait(store, scope, fingerprint, { waitMs }).catch((error: unknown) => {
      throw unavailable(error);
    });
    switch (outcome.kind) {
      case 'claimed':
        request.idempotency = { claim: outcome.claim, settled: false };
        return;
      case 'replay':
        reply
          .code(outcome.response.status === 201 ? 200 : outcome.response.status)
          .header('content-type', 'application/json; charset=utf-8')
          .header('idempotent-replay', 'true');
        return reply.send(outcome.response.body);
      case 'reused':
        throw new ApiError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used with a different request',
        );
      case 'held':
        throw new ApiError(
          'IDEMPOTENCY_KEY_IN_USE',
          'a request with this Idempotency-Key is still running; retry later',
        );
      default:
        return assertNever(outcome);
    }
  });

  // Settled before the response leaves, so that a retry anywhere finds the answer. Only successes
  // are kept: a failed command frees its key and a retry runs it again.
  app.addHook('onSend', async (request: Tracked, reply, payload) => {
    const tracked = request.idempotency;
    if (!tracked || tracked.settled) return payload;
    tracked.settled = true;
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
        await store.complete(tracked.claim, { status: reply.statusCode, body: payload });
      } else {
        await store.release(tracked.claim);
      }
    } catch (error) {
      // The command's outcome stands; its claim stays pending until it expires, so a retry in
      // the meantime waits rather than running it twice.
      request.log.error({ err: error }, 'idempotency record not settled');
    }
    return payload;
  });

  // A request whose client went away is not released: its command may still append, and its
  // reply still passes onSend (checked on Fastify 5), which stores it. This only frees a key whose
  // reply somehow skipped onSend.
  app.addHook('onResponse', async (request: Tracked) => {
    const tracked = request.idempotency;
    if (!tracked || tracked.settled) return;
    tracked.settled = true;
    await store.release(tracked.claim).catch(() => undefined);
  });
}
