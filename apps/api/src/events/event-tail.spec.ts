import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { MemoryEventStore } from '@sales/event-store';
import { openTail } from '../../../../test/e2e/support/sse-client.js';
import { streamTail } from './event-tail.js';

// The tail's keep-alive, on a bare Fastify route with a short interval (15 s in the app).
describe('event tail', () => {
  let server: FastifyInstance;
  let port: number;
  const closing = new AbortController();

  beforeAll(async () => {
    server = Fastify();
    const events = new MemoryEventStore();
    server.get('/tail', (request, reply) => {
      void streamTail(request, reply, events, null, { types: null, streamPrefix: null }, closing.signal, 50);
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    closing.abort();
    await server.close();
  });

  it('sends a comment line at each keep-alive interval while no event comes', async () => {
    const tail = await openTail(port, '/tail', {});
    await new Promise((r) => setTimeout(r, 400));
    expect(tail.comments.filter((c) => c === 'keep-alive').length).toBeGreaterThanOrEqual(3);
    expect(tail.messages).toEqual([]);
    expect(tail.headers['x-content-type-options']).toBe('nosniff');
    tail.close();
  });
});
