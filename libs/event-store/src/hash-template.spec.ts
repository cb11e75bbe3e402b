import { describe, expect, it } from '@jest/globals';
import { canonicalJson, eventHash, sha256Hex } from './hash-chain.js';
import { filledHashInput, hashTemplate } from './hash-template.js';

const metadata = {
  recordedAt: '2026-01-01T00:00:00.000Z',
  commandId: 'c-1',
  correlationId: 'corr',
  causationId: 'cause',
  actorId: null,
  principal: 'svc',
  schemaVersion: 1,
};

describe('hashTemplate', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['usual metadata', { n: 1, text: 'ü ✓', list: [1, { b: 2, a: 1 }] }, metadata],
    ['keys around prevHash only', { z: undefined, a: [undefined] }, { a: 1, zz: 'x', skipped: undefined }],
    ['no metadata members', {}, {}],
    ['members only before prevHash', { when: new Date(0) }, { a: 1, b: { y: 2, x: 1 } }],
    ['members only after prevHash', { n: -0 }, { q: 'x', r: true }],
  ];
  it.each(cases)('fills in to the input of eventHash: %s', (_name, data, meta) => {
    for (const prevHash of [null, 'ab'.repeat(32)]) {
      const template = hashTemplate({ type: 'T"1', data }, meta as never);
      const expected = canonicalJson({ type: 'T"1', data, metadata: { ...meta, prevHash }, prevHash });
      expect(filledHashInput(template, prevHash)).toBe(expected);
      const event = { type: 'T"1', data, metadata: { ...meta, prevHash } as never };
      expect(sha256Hex(filledHashInput(template, prevHash))).toBe(eventHash(event, prevHash));
    }
  });

  it('leaves out a hash or prevHash the caller supplied', () => {
    const forged = { ...metadata, hash: 'f'.repeat(64), prevHash: 'e'.repeat(64) };
    expect(hashTemplate({ type: 'A', data: {} }, forged)).toEqual(
      hashTemplate({ type: 'A', data: {} }, metadata),
    );
  });

  it('refuses data that is no JSON value', () => {
    expect(() => hashTemplate({ type: 'A', data: { n: 1n } as never }, metadata)).toThrow();
  });
});
