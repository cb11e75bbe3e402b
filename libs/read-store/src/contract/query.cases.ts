import { beforeAll, expect, it } from '@jest/globals';
import { GenerationRef, Query } from '../read-store.port.js';
import { ContractContext, doc, generation, ids, put, uniqueProjection } from './contract-context.js';

// closedAt: d3 holds null, d4 lacks the field. hot: one boolean each way, a number and a string.
const DEALS = [
  {
    stage: 'won',
    owner: 'alice',
    amount: 1200,
    closedAt: '2026-01-15T10:00:00.000Z',
    priority: 2,
    hot: true,
  },
  {
    stage: 'lost',
    owner: 'bob',
    amount: 300.5,
    closedAt: '2026-02-01T00:00:00.000Z',
    priority: 1,
    hot: false,
  },
  { stage: 'open', owner: 'alice', amount: 50, closedAt: null, priority: 2 },
  { stage: 'open', owner: null, amount: 0, priority: 3 },
  { stage: 'won', owner: 'carol', amount: -20, closedAt: '2026-01-31T23:59:59.999Z', priority: 1, hot: 1 },
  {
    stage: 'won',
    owner: 'bob',
    amount: 99999999999,
    closedAt: '2026-03-01T00:00:00.000Z',
    priority: 2,
    hot: 'true',
  },
];
const NAMES = ['apple', 'Zoë', 'émile', '😀', 'ｚ', 'Ábc', 'ab'];
const INDEXES = [
  { collection: 'deals', fields: ['stage', 'closedAt'] },
  { collection: 'deals', fields: ['owner'] },
  { collection: 'deals', fields: ['amount'] },
  { collection: 'names', fields: ['name'] },
];

export function queryCases({ store }: ContractContext): void {
  let ref: GenerationRef;
  const found = async (query: Query) => ids(await store().find(ref, 'deals', query));
  // Every condition twice: without a limit and with one (an adapter may filter the two ways).
  const where = async (condition: Query['where']) => {
    const all = await found({ where: condition });
    expect(await found({ where: condition, limit: 1000 })).toEqual(all);
    return all;
  };

  beforeAll(async () => {
    ref = generation(uniqueProjection('queries'));
    await store().ensureGeneration(ref, INDEXES);
    await store().commit(
      ref,
      [
        ...DEALS.map((fields, i) => put('deals', doc(`d${i + 1}`, i + 1, fields))),
        ...NAMES.map((name, i) => put('names', doc(`n${i + 1}`, i + 1, { name }))),
      ],
      DEALS.length + NAMES.length,
    );
  });

  it('matches equality on strings, numbers, _id and _position; all conditions must hold', async () => {
    expect(await where({ stage: 'won' })).toEqual(['d1', 'd5', 'd6']);
    expect(await where({ stage: 'won', owner: 'bob' })).toEqual(['d6']);
    expect(await where({ priority: 2 })).toEqual(['d1', 'd3', 'd6']);
    expect(await where({ amount: 300.5 })).toEqual(['d2']);
    expect(await where({ stage: { eq: 'open' } })).toEqual(['d3', 'd4']);
    expect(await where({ _id: 'd2' })).toEqual(['d2']);
    expect(await where({ _position: 3 })).toEqual(['d3']);
  });

  it('treats a missing field as null', async () => {
    expect(await where({ closedAt: null })).toEqual(['d3', 'd4']);
    expect(await where({ owner: null })).toEqual(['d4']);
    expect(await where({ nowhere: null })).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(await where({ closedAt: { ne: null } })).toEqual(['d1', 'd2', 'd5', 'd6']);
    expect(await where({ owner: { ne: 'alice' } })).toEqual(['d2', 'd4', 'd5', 'd6']);
    expect(await where({ hot: { ne: true } })).toEqual(['d2', 'd3', 'd4', 'd5', 'd6']);
    expect(await where({ owner: { in: ['bob', null] } })).toEqual(['d2', 'd4', 'd6']);
    expect(await where({ closedAt: { gte: null } })).toEqual(['d3', 'd4']);
    expect(await where({ closedAt: { gt: null } })).toEqual([]);
  });

  it('compares numbers with ne, gt, gte, lt, lte and in', async () => {
    expect(await where({ amount: { gt: 50 } })).toEqual(['d1', 'd2', 'd6']);
    expect(await where({ amount: { gte: 50 } })).toEqual(['d1', 'd2', 'd3', 'd6']);
    expect(await where({ amount: { lt: 0 } })).toEqual(['d5']);
    expect(await where({ amount: { lte: 0 } })).toEqual(['d4', 'd5']);
    expect(await where({ amount: { gte: 0, lt: 1000 } })).toEqual(['d2', 'd3', 'd4']);
    expect(await where({ amount: { ne: 0 } })).toEqual(['d1', 'd2', 'd3', 'd5', 'd6']);
    expect(await where({ amount: { in: [0, 50, 7] } })).toEqual(['d3', 'd4']);
    expect(await where({ priority: { in: [1, 3] } })).toEqual(['d2', 'd4', 'd5']);
    expect(await where({ amount: { in: [] } })).toEqual([]);
  });

  it('compares strings by code point, ISO timestamps lexicographically', async () => {
    expect(await where({ owner: { gt: 'alice' } })).toEqual(['d2', 'd5', 'd6']);
    expect(await where({ owner: { lte: 'b' } })).toEqual(['d1', 'd3']);
    expect(await where({ owner: { gte: 'bob', lt: 'carol' } })).toEqual(['d2', 'd6']);
    expect(await where({ stage: { in: ['won', 'lost'] } })).toEqual(['d1', 'd2', 'd5', 'd6']);
    expect(await where({ _id: { gt: 'd4' } })).toEqual(['d5', 'd6']);
    expect(await where({ _id: { in: ['d1', 'd9', 'd3'] } })).toEqual(['d1', 'd3']);
    const january = { gte: '2026-01-01T00:00:00.000Z', lt: '2026-02-01T00:00:00.000Z' };
    expect(await where({ closedAt: january })).toEqual(['d1', 'd5']);
    expect(await where({ stage: 'won', closedAt: january })).toEqual(['d1', 'd5']);
    expect(await where({ closedAt: { gt: '2026-01-31T23:59:59.998Z' } })).toEqual(['d2', 'd5', 'd6']);
    expect(await where({ closedAt: { lte: '2026-02' } })).toEqual(['d1', 'd5']);
    const names = await store().find(ref, 'names', {
      where: { name: { gt: 'z' } },
      orderBy: [{ field: 'name', direction: 'asc' }],
    });
    expect(names.map((n) => n.name)).toEqual(['émile', 'ｚ', '😀', 'Ábc'].sort(byCodePoint));
  });

  it('never matches across types: booleans, numbers and strings stay apart', async () => {
    expect(await where({ hot: true })).toEqual(['d1']);
    expect(await where({ hot: 1 })).toEqual(['d5']);
    expect(await where({ hot: 'true' })).toEqual(['d6']);
    expect(await where({ hot: { in: [true, 1] } })).toEqual(['d1', 'd5']);
    expect(await where({ hot: { gte: false } })).toEqual(['d1', 'd2']);
    expect(await where({ priority: '2' })).toEqual([]);
    expect(await where({ priority: { ne: '2' } })).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(await where({ amount: { gt: '0' } })).toEqual([]);
    expect(await where({ owner: { lt: 5 } })).toEqual([]);
    expect(await where({ _id: { in: [1] } })).toEqual([]);
  });

  it('orders by several fields, ascending or descending, ties broken by _id ascending', async () => {
    const asc = (field: string) => ({ field, direction: 'asc' as const });
    const desc = (field: string) => ({ field, direction: 'desc' as const });
    expect(await found({})).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(await found({ orderBy: [asc('stage'), desc('amount')] })).toEqual([
      'd2',
      'd3',
      'd4',
      'd6',
      'd1',
      'd5',
    ]);
    expect(await found({ orderBy: [asc('priority')] })).toEqual(['d2', 'd5', 'd1', 'd3', 'd6', 'd4']);
    expect(await found({ orderBy: [desc('priority')] })).toEqual(['d4', 'd1', 'd3', 'd6', 'd2', 'd5']);
    expect(await found({ orderBy: [desc('_id')] })).toEqual(['d6', 'd5', 'd4', 'd3', 'd2', 'd1']);
    // Null and missing sort first ascending, last descending, as equals.
    expect(await found({ orderBy: [asc('closedAt')] })).toEqual(['d3', 'd4', 'd1', 'd5', 'd2', 'd6']);
    expect(await found({ orderBy: [desc('closedAt')] })).toEqual(['d6', 'd2', 'd5', 'd1', 'd3', 'd4']);
    const query = { where: { stage: 'won' }, orderBy: [desc('closedAt')] };
    expect(await found(query)).toEqual(['d6', 'd5', 'd1']);
    const names = await store().find(ref, 'names', { orderBy: [asc('name')] });
    expect(names.map((n) => n.name)).toEqual([...NAMES].sort(byCodePoint));
    expect(names.map((n) => n.name)).toEqual(['Zoë', 'ab', 'apple', 'Ábc', 'émile', 'ｚ', '😀']);
  });

  it('limits after sorting', async () => {
    const byAmount = [{ field: 'amount', direction: 'desc' as const }];
    expect(await found({ orderBy: byAmount, limit: 2 })).toEqual(['d6', 'd1']);
    expect(await found({ where: { stage: 'won' }, orderBy: byAmount, limit: 1 })).toEqual(['d6']);
    expect(await found({ limit: 2 })).toEqual(['d1', 'd2']);
    expect(await found({ limit: 100 })).toHaveLength(6);
    expect(await found({ limit: 0 })).toEqual([]);
  });

  it('counts with the same conditions', async () => {
    expect(await store().count(ref, 'deals')).toBe(6);
    expect(await store().count(ref, 'deals', { stage: 'won' })).toBe(3);
    expect(await store().count(ref, 'deals', { closedAt: null })).toBe(2);
    expect(await store().count(ref, 'deals', { amount: { gte: 0, lt: 1000 } })).toBe(3);
    expect(await store().count(ref, 'deals', { hot: true })).toBe(1);
  });

  it('rejects field names that are not plain identifiers, unknown operators and bad limits', async () => {
    const bad: Query[] = [
      { where: { 'a.b': 1 } },
      { where: { $where: 1 } },
      { where: { "x') OR 1=1 --": 1 } },
      { orderBy: [{ field: 'a b', direction: 'asc' }] },
      { orderBy: [{ field: 'amount', direction: 'DESC' as never }] },
      { where: { amount: { between: 1 } as never } },
      { limit: -1 },
      { limit: 1.5 },
    ];
    for (const query of bad) await expect(store().find(ref, 'deals', query)).rejects.toThrow(TypeError);
    await expect(store().count(ref, 'deals', { 'a.b': 1 })).rejects.toThrow(TypeError);
    await expect(store().ensureGeneration(ref, [{ collection: 'deals', fields: ['x.y'] }])).rejects.toThrow(
      TypeError,
    );
  });
}

function byCodePoint(a: string, b: string): number {
  const [x, y] = [
    [...a].map((c) => c.codePointAt(0) as number),
    [...b].map((c) => c.codePointAt(0) as number),
  ];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
