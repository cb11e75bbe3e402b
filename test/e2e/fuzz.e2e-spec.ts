import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { operationsOf, requestFor, type FuzzRequest, type OpenApiDocument } from '../fuzz/openapi-fuzz.js';
import { RawHttp, type FuzzResponse } from '../fuzz/raw-http.js';
import { bearer, KEYS } from './support/keys.js';
import { startAppWith } from './support/app-with-options.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig } from './support/test-app.js';

// Every endpoint of the OpenAPI document, fuzzed: FUZZ_RUNS requests in all (default 10 000),
// spread evenly over the operations; FUZZ_SEED replays a run. Not one answer may be a 5xx, and
// every error must have the contract's body: {statusCode, code, message}, no stack, no internals.
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const data = tempDataDir();
const api = await startAppWith(testConfig(data.dir, null), { security: { rateLimitPerMinute: null } });
await api.app.listen(0, '127.0.0.1');
const port = (api.app.getHttpServer().address() as AddressInfo).port;
const client = new RawHttp('127.0.0.1', port);

// Something to find: a pipeline, a lead, deals open and lost, a quota.
const seed: [string, string, unknown][] = [
  [
    'PUT',
    '/v1/pipelines/fz-pipe',
    {
      name: 'P',
      stages: [
        { id: 'a', name: 'A', probability: 0.2 },
        { id: 'b', name: 'B', probability: 0.7 },
      ],
    },
  ],
  ['POST', '/v1/leads', { leadId: 'fz-lead', source: 'web', company: 'Acme', ownerId: 'rep-1' }],
  ['POST', '/v1/deals', { dealId: 'fz-deal', title: 'T', accountId: 'acme', ownerId: 'rep-1', amount: 10 }],
  ['POST', '/v1/deals', { dealId: 'fz-lost', title: 'T', accountId: 'acme', ownerId: 'rep-1', amount: 10 }],
  ['POST', '/v1/deals/fz-lost/close', { outcome: 'lost', reason: 'price' }],
  ['PUT', '/v1/quotas/rep-1/2026-Q1', { amount: 1000 }],
];
for (const [method, path, body] of seed) {
  const response = await client.send({
    method,
    path,
    headers: { ...bearer('admin'), 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
  });
  if (response?.status !== 201)
    throw new Error(`seeding ${method} ${path}: ${response?.status} ${response?.body}`);
}

const document = JSON.parse(
  (await client.send({ method: 'GET', path: '/docs-json', headers: {} }))!.body,
) as OpenApiDocument;
const operations = operationsOf(document);
const runsPerOperation = Math.max(1, Math.ceil(TOTAL_RUNS / operations.length));
const context = {
  knownIds: [
    'fz-deal',
    'fz-lost',
    'fz-lead',
    'fz-pipe',
    'default',
    'rep-1',
    'prospecting',
    'quote',
    'a',
    'b',
    'deals',
    'leads',
  ],
  authorizations: [
    `Bearer ${KEYS.admin}`,
    ...(['service', 'analyst', 'auditor'] as const).map((r) => `Bearer ${KEYS[r]}`),
  ],
  overrides: {
    // A position beyond the store's head is waited for (10 s) and answered 503 by contract:
    // positions here stay at or below it, or are not positions at all.
    minPosition: fc.oneof(
      fc.nat({ max: 5 }).map(String),
      fc.constantFrom('-1', '1.5', 'abc', '', '9007199254740993'),
    ),
    period: fc.oneof(
      fc.constantFrom('2026-Q1', '2026-03', '2026', '2026-Q5', '2026-13'),
      fc.string({ maxLength: 12 }),
    ),
    stream: fc.oneof(
      fc.constantFrom('deal-fz-deal', 'lead-fz-lead', 'pipeline-default'),
      fc.string({ maxLength: 200 }),
    ),
  },
};

const statuses = new Map<number, number>();
afterAll(async () => {
  client.close();
  await api.close();
  data.remove();
  const histogram = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(
    `fuzz: ${client.sent} requests (seed ${SEED}) over ${operations.length} operations: ${histogram.join(' ')}`,
  );
});

const STACK = /\n\s+at .+:\d+:\d+|node_modules|\/apps\/|\/libs\//;

function judge(response: FuzzResponse | null): string | null {
  if (response === null) return null; // closed on a body over the limit: refused, not failed
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500) return `status ${response.status}: ${response.body.slice(0, 500)}`;
  if (STACK.test(response.body)) return `internals in the body: ${response.body.slice(0, 500)}`;
  if (response.status < 400 || response.status === 431) return null;
  let body: { statusCode?: unknown; code?: unknown; message?: unknown };
  try {
    body = JSON.parse(response.body);
  } catch {
    return `error body is no JSON: ${response.body.slice(0, 200)}`;
  }
  if (
    body.statusCode !== response.status ||
    typeof body.code !== 'string' ||
    typeof body.message !== 'string'
  )
    return `error body without {statusCode, code, message}: ${response.body.slice(0, 300)}`;
  return null;
}

const show = (request: FuzzRequest) => ({
  ...request,
  body:
    request.body && request.body.length > 300
      ? `${request.body.subarray(0, 300)}… (${request.body.length} bytes)`
      : request.body?.toString(),
});

describe(`fuzzing every operation of the OpenAPI document (${runsPerOperation} requests each, seed ${SEED})`, () => {
  it.each(operations.map((op) => ({ name: `${op.method} ${op.path}`, op })))(
    '$name: never a 5xx, every error in the contract shape',
    async ({ op }) => {
      const result = await fc.check(
        fc.asyncProperty(requestFor(op, context), async (request) => {
          const failure = judge(await client.send(request));
          if (failure) throw new Error(failure);
        }),
        { numRuns: runsPerOperation, seed: SEED, endOnFailure: false, maxSkipsPerRun: 10 },
      );
      if (result.failed) {
        const example = result.counterexample ? show(result.counterexample[0]) : null;
        throw new Error(
          `${op.method} ${op.path}: ${String((result.errorInstance as Error)?.message ?? result.errorInstance)}\n` +
            `request: ${JSON.stringify(example, null, 2)}\nreplay with FUZZ_SEED=${SEED}`,
        );
      }
    },
    120_000,
  );

  it('sent at least FUZZ_RUNS requests', () => {
    expect(client.sent).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });
});
