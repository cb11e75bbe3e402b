import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openEventStore } from '../../api/src/infrastructure/event-store.provider.js';
import { openReadStore } from '../../api/src/infrastructure/read-store.provider.js';
import { loadWebhookConfig } from '../../api/src/webhooks/webhook-config.js';
import { startWebhookDelivery } from '../../api/src/webhooks/webhook-delivery.js';

// The projector worker: runs every projection against the configured stores (EventStoreDB and
// MongoDB in production), beside API processes started with SALES_PROJECTORS=external.
// SIGTERM/SIGINT: finish the batch in hand, commit it, then exit.
async function main() {
  const config = loadConfig();
  const events = await openEventStore(config);
  const reads = await openReadStore(config);
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, reads, { dropDelayMs: 30_000 });
  await engine.start();
  // With the projectors out of the API processes, webhooks are delivered here too.
  const delivery = startWebhookDelivery(events, reads, loadWebhookConfig());
  console.log(`projector running ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  const report = setInterval(async () => {
    for (const p of await engine.list()) {
      if (p.status !== 'live' || p.lastError)
        console.log(
          `${p.name}: ${p.status} at ${p.position} (lag ${p.lag})${p.lastError ? ` — ${p.lastError}` : ''}`,
        );
    }
  }, 10_000);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    console.log(`${signal}: draining`);
    await delivery.stop();
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
