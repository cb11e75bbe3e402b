import { EsdbDouble } from './esdb-double.js';

// The protocol double as a server of its own, to run the engine in its EventStoreDB mode without
// an EventStoreDB: `npm run esdb-double -- --port 2113`. Events live in this process's memory and
// are gone when it stops; it is a double for trying the server mode, not a store.

const USAGE =
  'usage: npm run esdb-double -- [--port N]   (N from 0 to 65535; 0 = any free port; default 2113)';

function parsePort(args: string[]): number | string {
  if (args.length === 0) return 2113;
  if (args.length !== 2 || args[0] !== '--port') return USAGE;
  const port = Number(args[1]);
  return Number.isInteger(port) && port >= 0 && port <= 65_535 ? port : USAGE;
}

const port = parsePort(process.argv.slice(2));
if (typeof port === 'string') {
  console.error(port);
  process.exit(2);
}
const double = new EsdbDouble();
double
  .start(port)
  .then(({ url, stop }) => {
    console.log(`EventStoreDB protocol double listening on ${url}`);
    console.log(`  run the engine on it: EVENTSTORE_URL='${url}' npm start`);
    const shutdown = () => void stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  })
  .catch((error: unknown) => {
    console.error(
      `the double could not listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
