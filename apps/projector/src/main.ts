import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import {
  createLogger,
  loadConfig,
  loadWebhookConfig,
  Metrics,
  openEventStore,
  openReadStore,
  startWebhookDelivery,
} from '@sales/platform';
import { serveMetrics } from './metrics-server.js';

// The projector worker: runs the projections whose leases it holds against the configured stores
// (EventStoreDB and MongoDB in production), beside API processes started with
// SALES_PROJECTORS=external and any number of other workers standing by to take over.
// SIGTERM/SIGINT: finish the batch in hand, commit it, then exit.
async function main() {
  const config = loadConfig();
  const log = createLogger('sales-projector', config.logLevel);
  const events = await openEventStore(config);
  const reads = await openReadStore(config);
  // Takeovers and step-downs are logged: which worker runs what is decided by the leases.
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, reads, {
    dropDelayMs: 30_000,
    log: (line) => log.info(line),
  });
  await engine.start();
  // With the projectors out of the API processes, webhooks are delivered here too, and their
  // metrics are this process's to export (METRICS_PORT).
  const metrics = new Metrics();
  const delivery = startWebhookDelivery(events, reads, loadWebhookConfig(), {
    metrics,
    log: log.child({ context: 'Webhooks' }),
  });
  const metricsServer =
    config.metricsPort == null ? null : await serveMetrics(metrics.registry, config.metricsPort, config.host);
  if (metricsServer) log.info({ port: config.metricsPort, host: config.host }, 'metrics served at /metrics');
  log.info(
    { owner: engine.owner, projections: ALL_PROJECTIONS.map((p) => p.name), holds: engine.held() },
    `projector ${engine.owner} running; holds ${engine.held().join(', ') || 'none yet (standing by)'}`,
  );
  // Every 10 s, what is not well among the projections this worker runs. A store that cannot be
  // reached is reported, not thrown: the engine retries by itself.
  const report = setInterval(() => {
    engine
      .list()
      .then((projections) => {
        for (const p of projections.filter((info) => engine.held().includes(info.name))) {
          if (p.status !== 'live' || p.lastError)
            log.warn(
              {
                projection: p.name,
                status: p.status,
                position: p.position,
                lag: p.lag,
                lastError: p.lastError,
              },
              `${p.name}: ${p.status}`,
            );
        }
      })
      .catch((error: unknown) =>
        log.warn(`status unavailable: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, 10_000);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    log.info({ signal }, 'draining');
    try {
      metricsServer?.close();
      await delivery.stop();
      await engine.stop(); // releases its leases: another worker takes over at once
      await reads.close();
      await events.close();
    } catch (error) {
      log.error(error instanceof Error ? error.message : String(error));
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
