// `npm run bench`: every benchmark, medians of 3 runs each, printed as JSON lines.
import { benchEventStore } from './event-store.bench.mjs';
import { benchHttp } from './http.bench.mjs';
import { benchRebuild } from './rebuild.bench.mjs';
import { benchReports } from './reports.bench.mjs';

const only = process.argv[2];
const benches = {
  'event-store': benchEventStore,
  http: benchHttp,
  rebuild: benchRebuild,
  reports: benchReports,
};
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(JSON.stringify(await bench(), null, 2));
}
