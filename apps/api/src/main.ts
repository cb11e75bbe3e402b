import { loadConfig } from '@sales/platform';
import { createApp } from './create-app.js';

async function main() {
  const config = loadConfig();
  const { app, createdKey } = await createApp(config, { projectorThread: true });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const log = app.getHttpAdapter().getInstance().log;
  const store = config.eventStoreUrl ? 'EventStoreDB' : `embedded SQLite in ${config.dataDir}`;
  log.info(
    {
      url,
      eventStore: config.eventStoreUrl ? 'esdb' : 'sqlite',
      readStore: config.mongodbUrl ? 'mongodb' : 'sqlite',
    },
    `Sales engine listening on ${url} — events: ${store}; API docs at ${url}/docs; dashboard at ${url}/`,
  );
  if (createdKey) {
    // Printed once, to the terminal of the first start, and never as a log record: only its hash
    // is stored. Deployments set SALES_API_KEYS instead.
    process.stdout.write(
      `\n  Admin API key (shown once, store it now):\n\n    ${createdKey}\n\n  curl -H "Authorization: Bearer ${createdKey}" ${url}/v1/session\n\n`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
