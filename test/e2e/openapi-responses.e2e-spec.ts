import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { bearer, KEYS } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { startAppWith } from './support/app-with-options.js';
import { testConfig, TestApp } from './support/test-app.js';

type Answer = { content?: Record<string, { schema?: object }> };
type Document = {
  components: { schemas: Record<string, object> };
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
};

// The document's schemas checked against what the routes really answer, so that a client generated
// from it parses real bodies: a field renamed, made nullable or added to a report shows here.
describe('the OpenAPI response schemas', () => {
  let api: TestApp;
  let document: Document;
  const data = tempDataDir();
  // strict off: OpenAPI's `example` is no JSON Schema keyword.
  const ajv = addFormats.default(new Ajv({ strict: false, allErrors: true }));
  // OpenAPI 3.0 schemas are not JSON Schema (nullable): converted, then validated with ajv.
  const jsonSchema = (schema: object) => {
    const { $schema: _draft, ...converted } = fromSchema(schema as Parameters<typeof fromSchema>[0]);
    return converted;
  };

  const conforms = async (path: string, route: string, role: keyof typeof KEYS, query = {}) => {
    const response = await api.http().get(path).query(query).set(bearer(role));
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    const schema = document.paths[route]!.get!.responses['200']!.content!['application/json']!.schema!;
    const schemas = Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, s]) => [name, jsonSchema(s)]),
    );
    const validate = ajv.compile({ ...jsonSchema(schema), components: { schemas } });
    expect({ path, errors: validate(response.body) ? [] : validate.errors }).toEqual({ path, errors: [] });
  };

  beforeAll(async () => {
    api = await startAppWith(testConfig(data.dir, null), { webhooks: { hosts: new Set(['127.0.0.1']) } });
    document = (await api.http().get('/docs-json')).body as Document;
    const svc = bearer('service');
    const send = async (path: string, body: object) => {
      const response = await api.http().post(path).set(svc).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 201 });
      return response.body as { position: number };
    };
    const at = '2026-01-10T10:00:00.000Z';
    await send('/v1/leads', { leadId: 'L1', source: 'web', company: 'Acme', ownerId: 'ann', occurredAt: at });
    await send('/v1/deals', {
      dealId: 'D1',
      title: 'T',
      accountId: 'acme',
      ownerId: 'ann',
      amount: 10,
      occurredAt: at,
    });
    await send('/v1/deals', {
      dealId: 'D2',
      title: 'U',
      accountId: 'beta',
      ownerId: 'bob',
      amount: 20,
      occurredAt: at,
    });
    await send('/v1/deals/D1/stage', { stageId: 'quote', occurredAt: '2026-01-11T10:00:00.000Z' });
    // ten visits of prospecting (thresholds for stuck-deals), a deal stuck there, an update (slippage)
    for (let i = 0; i < 10; i++) {
      await send('/v1/deals', {
        dealId: `S${i}`,
        title: 'S',
        accountId: 'gamma',
        ownerId: 'bob',
        amount: 5,
        occurredAt: at,
      });
      await send(`/v1/deals/S${i}/stage`, {
        stageId: 'qualification',
        occurredAt: `2026-01-${String(11 + i).padStart(2, '0')}T10:00:00.000Z`,
      });
    }
    await send('/v1/deals', {
      dealId: 'D3',
      title: 'V',
      accountId: 'gamma',
      ownerId: 'bob',
      amount: 5,
      occurredAt: at,
    });
    const patched = await api
      .http()
      .patch('/v1/deals/D1')
      .set(svc)
      .send({ amount: 12, expectedCloseDate: '2026-05-01', occurredAt: '2026-01-11T12:00:00.000Z' });
    expect(patched.status).toBe(201);
    const last = await send('/v1/deals/D2/close', { outcome: 'won', occurredAt: '2026-01-12T10:00:00.000Z' });
    await conforms('/v1/deals', '/v1/deals', 'service', { minPosition: last.position });
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('holds for entity reads, lists and histories', async () => {
    await conforms('/v1/deals/D1', '/v1/deals/{dealId}', 'service');
    await conforms('/v1/deals/D2', '/v1/deals/{dealId}', 'service');
    await conforms('/v1/leads/L1', '/v1/leads/{leadId}', 'service');
    await conforms('/v1/deals/D1/history', '/v1/deals/{dealId}/history', 'auditor');
    await conforms('/v1/leads/L1/history', '/v1/leads/{leadId}/history', 'auditor');
    await conforms('/v1/pipelines', '/v1/pipelines', 'service');
    await conforms('/v1/pipelines/default', '/v1/pipelines/{pipelineId}', 'service');
    await conforms('/v1/session', '/v1/session', 'analyst');
    await conforms('/v1/events', '/v1/events', 'service', { after: 0 });
  });

  it('holds for webhooks', async () => {
    const put = await api
      .http()
      .put('/v1/webhooks/routing')
      .set(bearer('admin'))
      .send({ url: 'http://127.0.0.1:9/hook', secret: 'whsec-openapi-0123456789', types: ['LeadCaptured'] });
    expect(put.status).toBe(201);
    await conforms('/v1/webhooks', '/v1/webhooks', 'admin');
    await conforms('/v1/webhooks/routing', '/v1/webhooks/{id}', 'admin');
  });

  it('holds for projections, audit and health', async () => {
    await conforms('/v1/projections', '/v1/projections', 'analyst');
    await conforms('/v1/projections/deals', '/v1/projections/{name}', 'analyst');
    await conforms('/v1/audit/verify', '/v1/audit/verify', 'auditor');
    expect((await api.http().get('/v1/audit/verify').set(bearer('service'))).status).toBe(403);
    const hour = 3_600_000;
    const around = {
      from: new Date(Date.now() - hour).toISOString(),
      to: new Date(Date.now() + hour).toISOString(),
    };
    await conforms('/v1/audit/events', '/v1/audit/events', 'auditor', around);
    await conforms('/health/live', '/health/live', 'analyst');
    await conforms('/health/ready', '/health/ready', 'analyst');
  });

  it('holds for every report, grouped and not', async () => {
    const window = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    for (const name of ['funnel', 'stage-velocity', 'cycle-time', 'win-rate']) {
      await conforms(`/v1/reports/${name}`, `/v1/reports/${name}`, 'analyst', window);
      await conforms(`/v1/reports/${name}`, `/v1/reports/${name}`, 'analyst', {
        ...window,
        groupBy: 'owner',
      });
    }
    for (const name of ['lead-conversion', 'new-customers', 'forecast', 'reps', 'slippage', 'customer-value'])
      await conforms(`/v1/reports/${name}`, `/v1/reports/${name}`, 'analyst', window);
    await conforms('/v1/reports/pipeline', '/v1/reports/pipeline', 'analyst');
    await conforms('/v1/reports/stuck-deals', '/v1/reports/stuck-deals', 'analyst');
    await conforms('/v1/reports/quota-attainment', '/v1/reports/quota-attainment', 'analyst', {
      period: '2026-Q1',
    });
  });

  it('holds for the reports over instants', async () => {
    const window = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    await conforms('/v1/reports/pipeline-flow', '/v1/reports/pipeline-flow', 'analyst', window);
    await conforms('/v1/reports/forecast-accuracy', '/v1/reports/forecast-accuracy', 'analyst', {
      ...window,
      at: '2026-01-05,2026-01-11T12:00:00Z',
    });
  });
});
