import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppendObservation, AppendObserver } from '@sales/event-store';
import type { WebhookState } from '@sales/feed';
import type { ProjectionControl } from '@sales/projections';
import { registerProjectionMetrics } from './projection-metrics.js';
import { sharedRead } from './shared-read.js';

export const METRICS = Symbol('Metrics');

// The process's Prometheus metrics, one registry per app (tests run several apps in one process).
// Counters and histograms are fed as things happen; the projections' and webhooks' gauges are read
// on each scrape.
export class Metrics implements AppendObserver {
  readonly registry = new Registry();
  private webhookStates: () => Promise<WebhookState[]> = async () => [];

  readonly httpDuration = new Histogram({
    name: 'sales_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'sales_commands_total',
    help: 'Commands decided, by command type and outcome (accepted, or the error code that refused it)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'sales_command_duration_seconds',
    help: 'Time to load, decide and append a command, by command type',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'sales_event_store_append_duration_seconds',
    help: 'Appends to the event store, by outcome (ok, conflict, error)',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly appendBatch = new Histogram({
    name: 'sales_event_store_append_events',
    help: 'Events per append (batch size)',
    buckets: [1, 2, 3, 5, 10, 20, 50, 100],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'sales_webhook_deliveries_total',
    help: 'Webhook delivery attempts by webhook and outcome (delivered, failed)',
    labelNames: ['webhook', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const read = sharedRead(() => this.webhookStates());
    const failing: Gauge = new Gauge({
      name: 'sales_webhook_failing_seconds',
      help: 'How long a webhook has been failing (0 while it delivers)',
      labelNames: ['webhook'],
      registers: [this.registry],
      collect: async () => {
        failing.reset();
        for (const w of await read()) {
          const since = w.failingSince ? Date.parse(w.failingSince) : NaN;
          failing.set(
            { webhook: w.webhook },
            Number.isNaN(since) ? 0 : Math.max(0, (Date.now() - since) / 1000),
          );
        }
      },
    });
    const lag: Gauge = new Gauge({
      name: 'sales_webhook_lag_events',
      help: 'Events a webhook has still to deliver (its position behind the head of the log)',
      labelNames: ['webhook'],
      registers: [this.registry],
      collect: async () => {
        lag.reset();
        for (const w of await read()) if (w.lag !== null) lag.set({ webhook: w.webhook }, w.lag);
      },
    });
  }

  /** The projections' position, lag, status and rebuild progress, read on each scrape. */
  watchProjections(projections: ProjectionControl): void {
    registerProjectionMetrics(this.registry, projections);
  }

  appended({ events, seconds, outcome }: AppendObservation): void {
    this.appendDuration.observe({ outcome }, seconds);
    if (outcome === 'ok') this.appendBatch.observe(events);
  }

  /** For the webhook deliverer: each attempt's outcome as it ends. */
  webhookAttempt(webhook: string, outcome: 'delivered' | 'failed'): void {
    this.webhookDeliveries.inc({ webhook, outcome });
  }

  /** For the webhook deliverer: how to read every webhook's state when Prometheus scrapes. */
  readWebhooksFrom(source: () => Promise<WebhookState[]>): void {
    this.webhookStates = source;
  }
}
