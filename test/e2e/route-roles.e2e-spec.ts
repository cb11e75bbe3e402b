import { afterAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@sales/platform';
import { bearer } from './support/keys.js';
import { startAppWith } from './support/app-with-options.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig } from './support/test-app.js';

// Every route of the OpenAPI document × every caller, against the role table of contract §1:
// service: commands and entity reads; analyst: entity reads, reports, projections; auditor: entity
// reads, history, audit; admin: everything; /health: nobody needs a key; /metrics as projections. The routes come from the
// document the running app serves, so a new route is covered (or, unclassified, fails) by itself.
type Category =
  | 'public'
  | 'session'
  | 'command'
  | 'entity read'
  | 'history'
  | 'report'
  | 'projections'
  | 'audit'
  | 'events'
  | 'webhooks';

const ALLOWED: Record<Category, Role[] | 'everyone'> = {
  public: 'everyone',
  session: ['service', 'analyst', 'auditor', 'admin'],
  command: ['service', 'admin'],
  'entity read': ['service', 'analyst', 'auditor', 'admin'],
  history: ['auditor', 'admin'],
  report: ['analyst', 'admin'],
  projections: ['analyst', 'admin'],
  audit: ['auditor', 'admin'],
  events: ['service', 'auditor', 'admin'],
  webhooks: ['admin'],
};

const ENTITY_COMMAND_ROOTS = ['pipelines', 'leads', 'deals', 'quotas'];

function categorize(method: string, path: string): Category | null {
  const [, first, root, ...rest] = path.split('/');
  if (first === 'health') return 'public';
  if (first === 'metrics') return 'projections';
  if (first !== 'v1') return null;
  if (root === 'session') return 'session';
  if (root === 'audit') return 'audit';
  if (root === 'projections') return 'projections';
  if (root === 'reports') return 'report';
  if (root === 'events') return 'events';
  if (root === 'webhooks') return 'webhooks';
  if (!ENTITY_COMMAND_ROOTS.includes(root)) return null;
  if (method !== 'GET') return 'command';
  if (rest.at(-1) === 'history') return 'history';
  return root === 'deals' || root === 'leads' || root === 'pipelines' ? 'entity read' : null;
}

const PARAMS: Record<string, string> = {
  dealId: 'rbac-deal',
  leadId: 'rbac-lead',
  pipelineId: 'rbac-pipeline',
  ownerId: 'rep-1',
  period: '2026-Q1',
  name: 'deals',
};
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x1');

const data = tempDataDir();
const api = await startAppWith(testConfig(data.dir, null), { security: { rateLimitPerMinute: null } });
const document = (await api.http().get('/docs-json')).body as {
  paths: Record<string, Record<string, unknown>>;
};
const ROUTES = Object.entries(document.paths).flatMap(([path, operations]) =>
  Object.keys(operations).map((method) => ({
    method: method.toUpperCase(),
    path,
    url: concrete(path),
    category: categorize(method.toUpperCase(), path),
  })),
);

afterAll(async () => {
  await api.close();
  data.remove();
});

function call(method: string, url: string, headers: Record<string, string>) {
  const request = api.http()[method.toLowerCase() as 'get'](url).set(headers);
  return method === 'GET' ? request : request.set('Content-Type', 'application/json').send('{}');
}

it('the document lists the routes, and every one of them is classified', () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(20);
  expect(ROUTES.filter((r) => r.category === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  for (const path of ['/v1/audit/verify', '/v1/audit/events', '/v1/deals/{dealId}/history']) {
    expect(ROUTES.map((r) => r.path)).toContain(path);
  }
});

const CALLERS: { caller: string; headers: Record<string, string>; role: Role | null }[] = [
  { caller: 'no key', headers: {}, role: null },
  { caller: 'an unknown key', headers: { Authorization: 'Bearer not-a-key-of-ours' }, role: null },
  { caller: 'a malformed header', headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' }, role: null },
  ...(['service', 'analyst', 'auditor', 'admin'] as const).map((role) => ({
    caller: role,
    headers: bearer(role),
    role,
  })),
];

const TABLE = ROUTES.flatMap((route) =>
  CALLERS.map(({ caller, headers, role }) => {
    const allowed = ALLOWED[route.category ?? 'public'];
    const expected =
      allowed === 'everyone' ? 'admitted' : role === null ? 401 : allowed.includes(role) ? 'admitted' : 403;
    return {
      name: `${route.method} ${route.path} (${route.category}) as ${caller}`,
      route,
      headers,
      expected,
    };
  }),
);

describe('every route × every caller', () => {
  it.each(TABLE)('$name → $expected', async ({ route, headers, expected }) => {
    const response = await call(route.method, route.url, headers);
    if (expected === 'admitted') {
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else {
      expect(response.status).toBe(expected);
      expect(response.body).toMatchObject({
        statusCode: expected,
        code: expected === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
      });
    }
  });
});
