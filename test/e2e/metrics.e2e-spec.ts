import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import parsePrometheusTextFormat, { type Family, type Sample } from 'parse-prometheus-text-format';
import { startAppWith } from './support/app-with-options.js';
import { bearer } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig, TestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

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

  const receiver = new WebhookReceiver();
  // Gauges read from the stores are at most 0.5 s old (shared-read.ts): a test waits for them.
  const until = async (ok: (scrape: Scrape) => boolean): Promise<Scrape> => {
    for (let i = 0; i < 200; i++) {
      const now = await scrape();
      if (ok(now)) return now;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the metrics did not move within 10 s');
  };

  beforeAll(async () => {
    await receiver.start();
    // Retries 400 ms apart (10 min in production), so that a failing spell is seen within a second.
    const webhooks = { backoff: { initialMs: 400, maxMs: 400 }, timeoutMs: 1_000, pollMs: 100 };
    api = await startAppWith(testConfig(data.dir, null), {
      webhooks: { ...webhooks, hosts: new Set(['127.0.0.1']) },
    });
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
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

    const after = await until(
      (s) => value(s, 'sales_projection_position', { projection: 'deals' }) >= moved.body.position,
    );
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

  it('counts webhook attempts by outcome, and shows the lag and the failing spell while a receiver fails', async () => {
    const hook = { webhook: 'invoicing' };
    const put = await api
      .http()
      .put('/v1/webhooks/invoicing')
      .set(bearer('admin'))
      .send({ url: `http://127.0.0.1:${receiver.port}/hook`, secret: 'whsec-metrics-0123456789' });
    expect(put.status).toBe(201);
    receiver.next('fail', 'fail', 'fail');
    const lead = { leadId: 'WM1', source: 'web', company: 'Co', ownerId: 'ann' };
    expect((await api.http().post('/v1/leads').set(bearer('service')).send(lead)).status).toBe(201);

    const failing = await until(
      (s) =>
        value(s, 'sales_webhook_deliveries_total', { ...hook, outcome: 'failed' }) >= 1 &&
        s.get('sales_webhook_lag_events')!.metrics.length > 0,
    );
    expect(value(failing, 'sales_webhook_deliveries_total', { ...hook, outcome: 'delivered' })).toBe(0);
    expect(value(failing, 'sales_webhook_lag_events', hook)).toBe(1);
    expect(failing.get('sales_webhook_failing_seconds')!.metrics.map((m) => m.labels?.webhook)).toEqual([
      'invoicing',
    ]);

    const delivered = await until(
      (s) => value(s, 'sales_webhook_deliveries_total', { ...hook, outcome: 'delivered' }) === 1,
    );
    expect(value(delivered, 'sales_webhook_deliveries_total', { ...hook, outcome: 'failed' })).toBe(3);
    expect(receiver.deliveries.map((d) => d.answered)).toEqual([500, 500, 500, 204]);
    const settled = await until((s) => value(s, 'sales_webhook_lag_events', hook) === 0);
    expect(value(settled, 'sales_webhook_failing_seconds', hook)).toBe(0);
  });
});
