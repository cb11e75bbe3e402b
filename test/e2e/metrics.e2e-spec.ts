import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import parsePrometheusTextFormat, { type Family, type Sample } from 'parse-prometheus-text-format';
import { bearer } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

type Scrape = Map<string, Family>;

// The parser keeps the labels of counters and gauges but flattens a labelled histogram into one
// sample: read a second time without the histograms' TYPE lines, each of their series (_count,
// _sum, _bucket) is a family of its own with every label (met once per label set, hence merged).
function parse(text: string): Scrape {
  const scrape: Scrape = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
  for (const f of parsePrometheusTextFormat(text.replace(/^# TYPE \S+ histogram$/gm, ''))) {
    if (!/_(count|sum|bucket)$/.test(f.name)) continue;
    const known = scrape.get(f.name);
    if (known) known.metrics.push(...f.metrics);
    else scrape.set(f.name, f);
  }
  return scrape;
}

const matches = (sample: Sample, labels: Record<string, string>) =>
  Object.entries(labels).every(([k, v]) => sample.labels?.[k] === v);

// The sum of the samples with these labels (of a histogram: its _count).
function value(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = scrape.get(scrape.get(name)?.type === 'HISTOGRAM' ? `${name}_count` : name);
  if (!family) throw new Error(`no family ${name}`);
  return family.metrics.filter((s) => matches(s, labels)).reduce((sum, s) => sum + Number(s.value ?? 0), 0);
}

describe('GET /metrics', () => {
  let api: TestApp;
  const data = tempDataDir();
  const scrape = async (): Promise<Scrape> => {
    const response = await api.http().get('/metrics').set(bearer('analyst'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(response.text);
  };

  beforeAll(async () => {
    api = await startApp(testConfig(data.dir, null));
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  it('is for analyst and admin keys only', async () => {
    expect((await api.http().get('/metrics')).status).toBe(401);
    expect((await api.http().get('/metrics').set(bearer('service'))).status).toBe(403);
    expect((await api.http().get('/metrics').set(bearer('admin'))).status).toBe(200);
    expect((await api.http().get('/v1/metrics').set(bearer('admin'))).status).toBe(404);
  });

  it('has every family, and they move after a few commands', async () => {
    const before = await scrape();
    for (const family of [
      'sales_http_request_duration_seconds',
      'sales_projection_position',
      'sales_projection_lag_events',
      'sales_projection_status',
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(before.has(family)).toBe(true);
    for (const family of [
      'sales_commands_total',
      'sales_event_store_append_duration_seconds',
      'sales_webhook_lag_events',
    ])
      expect(before.get(family)?.type).toBeDefined();
    expect(value(before, 'sales_projection_status', { projection: 'deals', status: 'live' })).toBe(1);

    const svc = bearer('service');
    const deal = { dealId: 'M1', title: 'T', accountId: 'acme', ownerId: 'ann', amount: 10 };
    expect((await api.http().post('/v1/deals').set(svc).send(deal)).status).toBe(201);
    expect(
      (
        await api
          .http()
          .post('/v1/deals')
          .set(svc)
          .send({ ...deal, dealId: 'M2' })
      ).status,
    ).toBe(201);
    const moved = await api.http().post('/v1/deals/M1/stage').set(svc).send({ stageId: 'quote' });
    expect(moved.status).toBe(201);
    const again = await api.http().post('/v1/deals/M1/stage').set(svc).send({ stageId: 'quote' });
    expect(again.body.code).toBe('ALREADY_IN_STAGE');
    const read = await api.http().get('/v1/deals/M1').query({ minPosition: moved.body.position }).set(svc);
    expect(read.status).toBe(200);

    const after = await scrape();
    expect(value(after, 'sales_commands_total', { type: 'OpenDeal', outcome: 'accepted' })).toBe(2);
    expect(value(after, 'sales_commands_total', { type: 'AdvanceStage', outcome: 'accepted' })).toBe(1);
    expect(value(after, 'sales_commands_total', { type: 'AdvanceStage', outcome: 'ALREADY_IN_STAGE' })).toBe(
      1,
    );
    expect(value(after, 'sales_command_duration_seconds', { type: 'OpenDeal' })).toBe(2);
    const route = { method: 'POST', route: '/v1/deals', status: '201' };
    expect(value(after, 'sales_http_request_duration_seconds', route)).toBe(
      value(before, 'sales_http_request_duration_seconds', route) + 2,
    );
    const refused = { route: '/v1/deals/:dealId/stage', status: '409' };
    expect(value(after, 'sales_http_request_duration_seconds', refused)).toBe(1);
    expect(
      value(after, 'sales_event_store_append_duration_seconds', { outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(
      value(before, 'sales_event_store_append_duration_seconds', { outcome: 'ok' }) + 3,
    );
    expect(value(after, 'sales_event_store_append_events')).toBeGreaterThanOrEqual(3);
    expect(value(after, 'sales_projection_position', { projection: 'deals' })).toBeGreaterThanOrEqual(
      moved.body.position,
    );
    expect(value(after, 'sales_projection_position', { projection: 'deals' })).toBeGreaterThan(
      value(before, 'sales_projection_position', { projection: 'deals' }),
    );
    expect(after.get('sales_projection_lag_events')!.metrics.map((s) => s.labels?.projection)).toContain(
      'deals',
    );
  });
});
