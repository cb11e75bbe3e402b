import { Gauge, type Registry } from 'prom-client';
import { sharedRead } from './shared-read.js';
import type { ProjectionControl, ProjectionInfo, ProjectionStatus } from '@sales/projections';

const STATUSES: ProjectionStatus[] = ['live', 'rebuilding', 'failed'];

// Read from the projections' own state on each scrape (locally run or, with a projector worker,
// from the registry it publishes), so that they never drift from GET /v1/projections.
export function registerProjectionMetrics(registry: Registry, projections: ProjectionControl): void {
  const read = sharedRead(() => projections.list());
  const family = (
    name: string,
    help: string,
    labelNames: string[],
    fill: (gauge: Gauge, p: ProjectionInfo) => void,
  ) => {
    const gauge: Gauge = new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect: async () => {
        gauge.reset();
        for (const p of await read()) fill(gauge, p);
      },
    });
  };
  family(
    'sales_projection_position',
    'Global position of the last event the serving generation applied',
    ['projection'],
    (g, p) => {
      if (p.position !== null) g.set({ projection: p.name }, p.position);
    },
  );
  family(
    'sales_projection_lag_events',
    'Events in the log the serving generation has not applied yet',
    ['projection'],
    (g, p) => {
      if (p.lag !== null) g.set({ projection: p.name }, p.lag);
    },
  );
  family(
    'sales_projection_status',
    '1 for the status the projection is in (live, rebuilding, failed), 0 for the others',
    ['projection', 'status'],
    (g, p) => {
      for (const status of STATUSES) g.set({ projection: p.name, status }, status === p.status ? 1 : 0);
    },
  );
  family(
    'sales_projection_rebuild_progress_ratio',
    'How far a rebuilding generation has got through the log (0 to 1); absent when none rebuilds',
    ['projection'],
    (g, p) => {
      if (!p.rebuild) return;
      const head = (p.position ?? 0) + (p.lag ?? 0);
      g.set({ projection: p.name }, head > 0 ? Math.min(1, (p.rebuild.position ?? 0) / head) : 1);
    },
  );
  family(
    'sales_projection_rebuild_events_per_second',
    'Rate of the running rebuild',
    ['projection'],
    (g, p) => {
      if (p.rebuild?.eventsPerSecond != null) g.set({ projection: p.name }, p.rebuild.eventsPerSecond);
    },
  );
}
