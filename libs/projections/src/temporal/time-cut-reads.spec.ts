import { describe, expect, it } from '@jest/globals';
import { type Doc, MemoryReadStore, type Query } from '@sales/read-store';
import { TimeCutReads, type DocReader } from './time-cut-reads.js';
import { FOREVER, versionsOf } from './version-fields.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();
const ref = { projection: 'deals', generation: 1 };
const DEALS = 'deals';

// d1 opened on day 1 and moved on day 5; d2 opened on day 2 and moved on day 8.
const serving = (id: string, from: number, stageId: string): Doc => ({
  _id: id,
  _position: from,
  dealId: id,
  stageId,
  openedAt: day(1),
  _vf: day(from),
  _rf: day(from),
});
const version = (id: string, from: number, to: number, stageId: string): Doc => ({
  _id: `${id}|${from}`,
  _position: from,
  dealId: id,
  stageId,
  openedAt: day(1),
  _of: id,
  _vf: day(from),
  _vt: day(to),
  _vc: day(to),
  _rf: day(from),
  _rt: FOREVER,
  _rp: null,
  _wp: from,
});

async function store() {
  const docs = new MemoryReadStore();
  await docs.ensureGeneration(ref, [
    { collection: DEALS, fields: ['openedAt'] },
    { collection: versionsOf(DEALS), fields: ['openedAt', '_vt', '_vf'] },
    { collection: versionsOf(DEALS), fields: ['_of', '_vt'] },
  ]);
  await docs.commit(
    ref,
    [
      { op: 'put', collection: DEALS, doc: serving('d1', 5, 'quote') },
      { op: 'put', collection: DEALS, doc: serving('d2', 8, 'quote') },
      { op: 'put', collection: versionsOf(DEALS), doc: version('d1', 1, 5, 'prospecting') },
      { op: 'put', collection: versionsOf(DEALS), doc: version('d2', 2, 8, 'prospecting') },
    ],
    8,
  );
  // What the time cut asks of the store.
  const finds: { collection: string; where: NonNullable<Query['where']> }[] = [];
  const spy: DocReader = {
    get: docs.get.bind(docs),
    getMany: docs.getMany.bind(docs),
    count: docs.count.bind(docs),
    find: (r, collection, query = {}) => {
      finds.push({ collection, where: query.where ?? {} });
      return docs.find(r, collection, query);
    },
  };
  return { spy, finds };
}

const stages = (docs: Doc[]) => Object.fromEntries(docs.map((doc) => [doc._id, doc.stageId]));

describe('reads as of a time cut', () => {
  it('look up versions only for the documents whose serving version had not begun by asOf', async () => {
    const { spy, finds } = await store();
    const reads = new TimeCutReads(spy, { asOf: day(6), knownAt: null });
    expect(stages(await reads.getMany(ref, DEALS, ['d1', 'd2']))).toEqual({ d1: 'quote', d2: 'prospecting' });
    expect(finds).toHaveLength(1);
    expect(finds[0].where._of).toEqual({ in: ['d2'] });

    finds.length = 0;
    const later = new TimeCutReads(spy, { asOf: day(9), knownAt: null });
    expect(stages(await later.getMany(ref, DEALS, ['d1', 'd2']))).toEqual({ d1: 'quote', d2: 'quote' });
    expect(finds).toHaveLength(0);
  });

  it('with knownAt, look up the versions of every document asked for', async () => {
    const { spy, finds } = await store();
    const reads = new TimeCutReads(spy, { asOf: day(6), knownAt: day(9) });
    expect(stages(await reads.getMany(ref, DEALS, ['d1', 'd2']))).toEqual({ d1: 'quote', d2: 'prospecting' });
    expect(finds.map((f) => f.where._of)).toEqual([{ in: ['d1', 'd2'] }, { in: ['d1', 'd2'] }]);
  });

  it('ask for the versions with the _vt and _vf terms first, before the query’s own and the other bookkeeping terms', async () => {
    const { spy, finds } = await store();
    const reads = new TimeCutReads(spy, { asOf: day(3), knownAt: null });
    const window = { where: { openedAt: { gte: day(1), lt: day(2) } } };
    expect(stages(await reads.find(ref, DEALS, window))).toEqual({ d1: 'prospecting', d2: 'prospecting' });
    const past = finds.filter((f) => f.collection === versionsOf(DEALS));
    expect(past.map((f) => Object.keys(f.where))).toEqual([['_vt', '_vf', 'openedAt', '_rt']]);
  });
});
