import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type EventFacts } from '@sales/event-store';
import { ALL_PROJECTIONS, replay, selfCutOf, TimeCutReads, type TimeCut } from '@sales/projections';
import {
  type Doc,
  MemoryReadStore,
  MongoReadStore,
  type ReadStore,
  SqliteReadStore,
} from '@sales/read-store';
import { useMongoServer } from '../../../test/ferretdb/mongo-test-server.js';
import { caughtUpEngine } from './spec-support/engine.js';
import { recordedHistory } from './spec-support/recorded-history.js';

const END = '2026-06-30T00:00:00.000Z';
const DAY = 86_400_000;

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  deals: fc.integer({ min: 1, max: 25 }),
  days: fc.integer({ min: 5, max: 120 }),
  tickMs: fc.constantFrom(1000, 3_600_000, DAY),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
  lagMs: fc.array(fc.constantFrom(0, 1, 60_000, DAY), { minLength: 1, maxLength: 5 }),
  cuts: fc.array(
    fc.tuple(
      fc.double({ min: -0.05, max: 1.05, noNaN: true }),
      fc.option(fc.double({ min: 0, max: 1.1, noNaN: true })),
    ),
    { minLength: 1, maxLength: 4 },
  ),
});

const withoutPosition = (docs: Doc[]) =>
  docs.map(({ _position, ...doc }) => (void _position, doc)).sort((a, b) => (a._id < b._id ? -1 : 1));

// The replay is the oracle: the events with occurredAt ≤ asOf and recordedAt ≤ knownAt, in log
// order, through the same projections into memory, without versions.
async function oracle(facts: EventFacts[], cut: TimeCut): Promise<MemoryReadStore> {
  const kept = facts.filter(
    (e) => String(e.data.occurredAt) <= cut.asOf && (cut.knownAt === null || e.recordedAt <= cut.knownAt),
  );
  const store = new MemoryReadStore();
  await replay(ALL_PROJECTIONS, kept, store);
  return store;
}

// MongoDB: MONGODB_URL when set, else the embedded FerretDB (a missing server fails in CI).
const mongo = await useMongoServer('temporal read models on MongoDB');
const mongoDbs: string[] = [];
// Each run's database goes with the run (the server's own client closes before any afterAll here).
const dropRunDatabases = async () => {
  for (const db of mongoDbs.splice(0)) await mongo?.client().db(db).dropDatabase();
};

const stores: [string, () => Promise<ReadStore>, number][] = [
  ['memory', async () => new MemoryReadStore(), Number(process.env.RUNS ?? 20)],
  ['SQLite', async () => new SqliteReadStore(':memory:'), Number(process.env.RUNS ?? 20)],
  ...(mongo
    ? [
        [
          mongo.label,
          () =>
            MongoReadStore.connect(
              mongo.url(),
              mongoDbs[mongoDbs.push(`${mongo.dbName}_${mongoDbs.length}`) - 1],
            ),
          Number(process.env.MONGO_RUNS ?? 4),
        ] as [string, () => Promise<ReadStore>, number],
      ]
    : []),
];

describe.each(stores)('read models as of any (asOf, knownAt), on %s', (_name, makeStore, runs) => {
  it('equal the replay of the log cut at that time, on random histories with backdated entries', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { history, events } = await recordedHistory(s, END);
        const facts = await events.readFacts(null, 1_000_000);
        const readStore = await makeStore();
        const engine = await caughtUpEngine(events, readStore);
        try {
          const start = Date.parse(history.start);
          const span = Math.max(1, Date.parse(facts[facts.length - 1].recordedAt) - start);
          const time = (f: number) => new Date(start + Math.round(f * span)).toISOString();
          for (const [asOfAt, knownAtAt] of s.cuts) {
            const cut: TimeCut = { asOf: time(asOfAt), knownAt: knownAtAt === null ? null : time(knownAtAt) };
            const expected = await oracle(facts, cut);
            const reads = new TimeCutReads(readStore, cut, selfCutOf(ALL_PROJECTIONS));
            for (const projection of ALL_PROJECTIONS) {
              const ref = engine.serving(projection.name);
              if (!ref) throw new Error(`${projection.name} does not serve`);
              for (const collection of projection.collections) {
                const label = `${projection.name}/${collection} as of ${cut.asOf} known at ${cut.knownAt}`;
                const want = withoutPosition(
                  await expected.find({ projection: projection.name, generation: 1 }, collection),
                );
                const got = await reads.find(ref, collection);
                expect({ label, docs: withoutPosition(got) }).toEqual({ label, docs: want });
                expect(await reads.count(ref, collection)).toBe(want.length);
                const ids = want.slice(0, 3).map((d) => d._id);
                expect(withoutPosition(await reads.getMany(ref, collection, [...ids, 'missing']))).toEqual(
                  want.slice(0, 3),
                );
              }
            }
          }
        } finally {
          await engine.stop();
          await readStore.close();
          await dropRunDatabases();
        }
      }),
      { numRuns: runs },
    );
  }, 300_000);
});
