import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { toErrorBody } from '../errors/error-response.js';
import { ApiKeys } from './api-keys.js';
import { authenticate } from './request-principal.js';

type Bucket = { tokens: number; at: number };

const MAX_BUCKETS = 100_000;

// A token bucket per key: `perMinute` requests in a burst, refilled evenly over the minute.
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** 0 when the request may go ahead (and is counted), else the milliseconds until it may. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs)
      : this.perMinute;
    if (tokens < 1) {
      if (bucket) Object.assign(bucket, { tokens, at: now });
      return Math.ceil((1 - tokens) / this.perMs);
    }
    if (!bucket && this.buckets.size >= MAX_BUCKETS) this.sweep(now);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  // A bucket that has refilled is the same as no bucket: forget those.
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
}

const exempt = (url: string) => url === '/health' || url.startsWith('/health/');

// Per API key; requests without a valid key share a bucket per client address. Runs before the
// body is read, so a flood costs little. /health is never limited (probes must always get through).
export function registerRateLimit(fastify: FastifyInstance, keys: ApiKeys, perMinute: number | null): void {
  if (perMinute === null) return;
  const buckets = new TokenBuckets(perMinute);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (exempt(request.url)) return;
    const { principal } = authenticate(request, keys);
    const waitMs = buckets.take(principal ? `key:${principal.name}` : `ip:${request.ip}`);
    if (waitMs === 0) return;
    const error = new ApiError(
      'RATE_LIMITED',
      `more than ${perMinute} requests a minute for this API key; retry later`,
    );
    return reply
      .code(429)
      .header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))))
      .send(toErrorBody(error));
  });
}
