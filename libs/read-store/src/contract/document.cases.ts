import { expect, it } from '@jest/globals';
import { Doc } from '../read-store.port.js';
import { ContractContext, doc, generation, ids, put, remove, uniqueProjection } from './contract-context.js';

export function documentCases({ store }: ContractContext): void {
  it('creates a generation idempotently, and reads a collection never written as empty', async () => {
    const ref = generation(uniqueProjection('ensure'));
    const indexes = [{ collection: 'deals', fields: ['stage', 'closedAt'] }];
    await store().ensureGeneration(ref, indexes);
    await store().ensureGeneration(ref, indexes);
    expect(await store().get(ref, 'deals', 'd1')).toBeNull();
    expect(await store().find(ref, 'deals')).toEqual([]);
    expect(await store().count(ref, 'deals')).toBe(0);
    const never = generation(uniqueProjection('never'), 7);
    expect(await store().get(never, 'nothing', 'x')).toBeNull();
    expect(await store().getMany(never, 'nothing', ['x'])).toEqual([]);
    expect(
      await store().find(never, 'nothing', { where: { a: 1 }, orderBy: [{ field: 'a', direction: 'asc' }] }),
    ).toEqual([]);
    expect(await store().count(never, 'nothing')).toBe(0);
  });

  it('puts, gets, gets many in the order asked and deletes', async () => {
    const ref = generation(uniqueProjection('crud'));
    await store().ensureGeneration(ref, []);
    await store().commit(
      ref,
      ['a', 'b', 'c'].map((id, i) => put('deals', doc(id, i + 1, { n: i }))),
      3,
    );
    expect(await store().get(ref, 'deals', 'b')).toEqual(doc('b', 2, { n: 1 }));
    expect(await store().get(ref, 'deals', 'zz')).toBeNull();
    expect(ids(await store().getMany(ref, 'deals', ['c', 'missing', 'a', 'c']))).toEqual(['c', 'a']);
    expect(await store().getMany(ref, 'deals', [])).toEqual([]);
    await store().commit(ref, [remove('deals', 'b'), remove('deals', 'never-there')], 4);
    expect(await store().get(ref, 'deals', 'b')).toBeNull();
    expect(ids(await store().find(ref, 'deals'))).toEqual(['a', 'c']);
  });

  it('applies a commit in order: put then delete is gone, the last put wins, across collections', async () => {
    const ref = generation(uniqueProjection('order'));
    await store().ensureGeneration(ref, [{ collection: 'deals', fields: ['v'] }]);
    await store().commit(ref, [put('deals', doc('z', 1, { v: 'old' }))], 1);
    await store().commit(
      ref,
      [
        put('deals', doc('x', 2, { v: 1 })),
        remove('deals', 'x'),
        put('deals', doc('y', 2, { v: 1 })),
        put('owners', doc('y', 2, { v: 'other collection' })),
        put('deals', doc('y', 3, { v: 2 })),
        remove('deals', 'z'),
        put('deals', doc('z', 3, { v: 'new' })),
      ],
      3,
    );
    expect(await store().get(ref, 'deals', 'x')).toBeNull();
    expect(await store().get(ref, 'deals', 'y')).toEqual(doc('y', 3, { v: 2 }));
    expect(await store().get(ref, 'deals', 'z')).toEqual(doc('z', 3, { v: 'new' }));
    expect(await store().get(ref, 'owners', 'y')).toEqual(doc('y', 2, { v: 'other collection' }));
    expect(await store().checkpoint(ref)).toBe(3);
  });

  it('has no checkpoint before the first commit, then the last one committed, even with no writes', async () => {
    const ref = generation(uniqueProjection('checkpoint'));
    expect(await store().checkpoint(ref)).toBeNull();
    await store().ensureGeneration(ref, []);
    expect(await store().checkpoint(ref)).toBeNull();
    await store().commit(ref, [put('deals', doc('a', 42))], 42);
    expect(await store().checkpoint(ref)).toBe(42);
    await store().commit(ref, [], 57);
    expect(await store().checkpoint(ref)).toBe(57);
  });

  it('keeps generations apart, and drops one without touching the other', async () => {
    const projection = uniqueProjection('generations');
    const [one, two] = [generation(projection, 1), generation(projection, 2)];
    const indexes = [{ collection: 'deals', fields: ['stage'] }];
    await store().ensureGeneration(one, indexes);
    await store().ensureGeneration(two, indexes);
    await store().commit(one, [put('deals', doc('a', 1, { stage: 'won' })), put('notes', doc('n', 1))], 10);
    await store().commit(two, [put('deals', doc('b', 2, { stage: 'won' }))], 20);
    expect(ids(await store().find(one, 'deals', { where: { stage: 'won' } }))).toEqual(['a']);
    expect(ids(await store().find(two, 'deals', { where: { stage: 'won' } }))).toEqual(['b']);
    expect(await store().get(two, 'deals', 'a')).toBeNull();
    expect(await store().count(two, 'notes')).toBe(0);
    expect([await store().checkpoint(one), await store().checkpoint(two)]).toEqual([10, 20]);

    await store().dropGeneration(one);
    await expect(store().find(one, 'deals')).rejects.toMatchObject({ code: 'GENERATION_GONE' });
    expect(await store().checkpoint(one)).toBeNull();
    expect(ids(await store().find(two, 'deals'))).toEqual(['b']);
    expect(await store().checkpoint(two)).toBe(20);

    // A dropped generation can be built again from scratch.
    await store().ensureGeneration(one, indexes);
    await store().commit(one, [put('deals', doc('c', 3, { stage: 'won' }))], 30);
    expect(ids(await store().find(one, 'deals', { where: { stage: 'won' } }))).toEqual(['c']);
  });

  it('round-trips documents exactly: nesting, arrays, numbers, booleans, null and Unicode', async () => {
    const ref = generation(uniqueProjection('roundtrip'));
    const original: Doc = {
      _id: 'deal-1',
      _position: 12,
      numbers: [0, -1, 1.5, -0.25, 1e-7, 2 ** 40, Number.MAX_SAFE_INTEGER, 123456789.123],
      flags: { yes: true, no: false, nothing: null },
      text: [
        '',
        'plain',
        'héllo wörld',
        'Zoë ✓',
        '日本語',
        'مرحبا',
        '😀👍🏽',
        'e\u0301',
        'tab\tquote"back\\slash\nline',
      ],
      nested: { level: { deeper: { list: [{ a: 1 }, [1, [2, [3]]], [], {}] } } },
      emptyObject: {},
      emptyArray: [],
      amount: 1200.5,
      // Keys a read model may well use (maps keyed by id or e-mail), and a MongoDB store must
      // take care of; and arrays of arrays.
      byOwner: { 'alice@example.com': 3, 'deal:1.2': { $weird: ['~a', { '~a': [1] }] }, '~t': 1, '~': 2 },
      'top.level': true,
      matrix: [[1, 2], [3, [4, [5]]], [[]]],
    };
    await store().commit(ref, [put('deals', original)], 12);
    expect(await store().get(ref, 'deals', 'deal-1')).toStrictEqual(original);
    expect(await store().find(ref, 'deals')).toStrictEqual([original]);
    expect(await store().getMany(ref, 'deals', ['deal-1'])).toStrictEqual([original]);
  });

  it("is isolated from the caller's objects, before and after writing", async () => {
    const ref = generation(uniqueProjection('isolation'));
    const written = doc('a', 1, { list: [1], nested: { n: 1 } });
    await store().commit(ref, [put('deals', written)], 1);
    (written.list as number[]).push(2);
    const read = (await store().get(ref, 'deals', 'a')) as Doc;
    (read.nested as { n: number }).n = 99;
    expect(await store().get(ref, 'deals', 'a')).toEqual(doc('a', 1, { list: [1], nested: { n: 1 } }));
  });

  it('accepts ids of [A-Za-z0-9_.:-] up to 200 characters, case-sensitively', async () => {
    const ref = generation(uniqueProjection('ids'));
    const idList = [
      'deal:2026-01-01T00:00:00.000Z:alice',
      'a.b.c',
      'Deal_1',
      'deal_1',
      '-leading-dash',
      '0',
      ':',
      'x'.repeat(200),
      'AZaz09_.:-'.repeat(20),
    ];
    await store().commit(
      ref,
      idList.map((id, i) => put('facts', doc(id, i, { i }))),
      idList.length,
    );
    for (const [i, id] of idList.entries()) {
      expect(await store().get(ref, 'facts', id)).toEqual(doc(id, i, { i }));
    }
    expect(ids(await store().find(ref, 'facts'))).toEqual([...idList].sort());
    await store().commit(ref, [remove('facts', 'Deal_1')], 99);
    expect(await store().get(ref, 'facts', 'deal_1')).not.toBeNull();
    expect(await store().count(ref, 'facts')).toBe(idList.length - 1);
  });

  it('keeps names that sanitize alike apart, and takes any projection or collection name', async () => {
    const base = uniqueProjection('names');
    const odd = generation(`${base} Deals: by stage/owner ✓ $x.y "q" 'q' ${'long'.repeat(80)}`);
    const [dash, underscore] = [generation(`${base}-a-b`), generation(`${base}-a_b`)];
    await store().commit(odd, [put('by owner/€ $x.y', doc('a', 1, { ok: true }))], 1);
    await store().commit(dash, [put('c-d', doc('dash', 1)), put('c_d', doc('dash-c_d', 1))], 1);
    await store().commit(underscore, [put('c-d', doc('underscore', 1))], 2);
    expect(await store().get(odd, 'by owner/€ $x.y', 'a')).toEqual(doc('a', 1, { ok: true }));
    expect(ids(await store().find(dash, 'c-d'))).toEqual(['dash']);
    expect(ids(await store().find(dash, 'c_d'))).toEqual(['dash-c_d']);
    expect(ids(await store().find(underscore, 'c-d'))).toEqual(['underscore']);
    await store().dropGeneration(dash);
    expect(ids(await store().find(underscore, 'c-d'))).toEqual(['underscore']);
    expect(await store().checkpoint(underscore)).toBe(2);
  });

  it('rewrites hundreds of existing documents in one commit, among new ones and deletes', async () => {
    const ref = generation(uniqueProjection('rewrite'));
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    await store().commit(
      ref,
      range(0, 300).map((i) => put('facts', doc(`f-${i}`, 1, { v: 1 }))),
      1,
    );
    await store().commit(
      ref,
      [
        ...range(0, 350).map((i) => put('facts', doc(`f-${i}`, 2, { v: 2 }))),
        ...range(0, 20).map((i) => remove('facts', `f-${i * 10}`)),
      ],
      2,
    );
    expect(await store().count(ref, 'facts')).toBe(330);
    expect(await store().count(ref, 'facts', { v: 2 })).toBe(330);
    expect(await store().get(ref, 'facts', 'f-299')).toEqual(doc('f-299', 2, { v: 2 }));
    expect(await store().get(ref, 'facts', 'f-10')).toBeNull();
  }, 60_000);

  it('commits 5,000 writes at once', async () => {
    const ref = generation(uniqueProjection('large'));
    await store().ensureGeneration(ref, [{ collection: 'facts', fields: ['bucket'] }]);
    // Every tenth write deletes a put made two writes earlier; the rest alternate collections.
    const writes = Array.from({ length: 5000 }, (_, i) =>
      i % 10 === 9
        ? remove('facts', `f-${i - 2}`)
        : put(i % 2 ? 'facts' : 'other', doc(`f-${i}`, i, { bucket: i % 7, label: `fact ${i}` })),
    );
    await store().commit(ref, writes, 5000);
    expect(await store().checkpoint(ref)).toBe(5000);
    const kept = (i: number) => i % 2 === 1 && i % 10 !== 7 && i % 10 !== 9;
    expect(await store().count(ref, 'facts')).toBe(1500);
    expect(await store().count(ref, 'other')).toBe(2500);
    expect(await store().get(ref, 'facts', 'f-7')).toBeNull();
    expect(await store().count(ref, 'facts', { bucket: 3 })).toBe(
      Array.from({ length: 5000 }, (_, i) => i).filter((i) => kept(i) && i % 7 === 3).length,
    );
  }, 120_000);
}
