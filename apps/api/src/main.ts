import { loadConfig } from './config/app-config.js';
import { createApp } from './create-app.js';

async function main() {
  const config = loadConfig();
  const { app, createdKey } = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const store = config.eventStoreUrl
    ? `EventStoreDB (${config.eventStoreUrl})`
    : `embedded SQLite in ${config.dataDir}`;
  console.log(`Sales engine listening on ${url} — events: ${store}; API docs at ${url}/docs`);
  console.log(`Dashboard: open ${url}/ and sign in with an analyst or admin key`);
  if (createdKey) {
    // Printed once: only its hash is stored.
    console.log(
      `\n  Admin API key (shown once, store it now):\n\n    ${createdKey}\n\n  curl -H "Authorization: Bearer ${createdKey}" ${url}/v1/session\n`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
