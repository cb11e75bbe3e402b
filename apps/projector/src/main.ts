import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openEventStore } from '../../api/src/infrastructure/event-store.provider.js';
import { openReadStore } from '../../api/src/infrastructure/read-store.provider.js';
import { createLogger } from '../../api/src/logging/logger.js';

// The projector worker: runs every projection against the configured stores (EventStoreDB and
// MongoDB in production), beside API processes started with SALES_PROJECTORS=external.
// SIGTERM/SIGINT: finish the batch in hand, commit it, then exit.
async function main() {
  const config = loadConfig();
  const log = createLogger('sales-projector', config.logLevel);
  const events = await openEventStore(config);
  const reads = await openReadStore(config);
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, reads, { dropDelayMs: 30_000 });
  await engine.start();
  log.info({ projections: ALL_PROJECTIONS.map((p) => p.name) }, 'projector running');
  const report = setInterval(async () => {
    for (const p of await engine.list()) {
      if (p.status !== 'live' || p.lastError)
        log.warn(
          { projection: p.name, status: p.status, position: p.position, lag: p.lag, lastError: p.lastError },
          `${p.name}: ${p.status}`,
        );
    }
  }, 10_000);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    log.info({ signal }, 'draining');
    await engine.stop();
    await reads.close();
    await events.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
