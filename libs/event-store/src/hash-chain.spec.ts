import { describe, expect, it } from '@jest/globals';
import type { NewEvent, RecordedEvent } from './event-store.port.js';
import { canonicalJson, chainEvents, eventHash, verifyChain, verifyStream } from './hash-chain.js';

const metadata = {
  recordedAt: '2026-03-01T09:30:00.123Z',
  commandId: 'c1',
  correlationId: 'c1',
  causationId: 'c1',
  actorId: 'mgr-7',
  principal: 'orders-service',
  schemaVersion: 1,
};

const opened: NewEvent = {
  id: 'e1',
  type: 'DealOpened',
  data: { occurredAt: '2026-03-01T09:30:00.000Z', dealId: 'deal-acme', amountMinor: 4800050 },
  metadata,
};

function recorded(stream: string, events: NewEvent[], firstPosition = 1): RecordedEvent[] {
  return chainEvents(events, null).map((event, i) => ({
    ...event,
    stream,
    version: i + 1,
    position: firstPosition + i,
  }));
}

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units at every depth, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    // integer-like keys too, which JavaScript itself enumerates first in numeric order
    expect(canonicalJson({ 9: 'a', 10: 'b', B: 0, a: 0 })).toBe('{"10":"b","9":"a","B":0,"a":0}');
  });

  it('writes strings and numbers as JSON.stringify does, and leaves out what JSON leaves out', () => {
    expect(canonicalJson({ s: 'é ✓ "q" \n', n: 1e21, f: 0.1, neg: -0, big: 4800050 })).toBe(
      '{"big":4800050,"f":0.1,"n":1e+21,"neg":0,"s":"é ✓ \\"q\\" \\n"}',
    );
    expect(canonicalJson({ gone: undefined, kept: null, list: [undefined, 1] })).toBe(
      '{"kept":null,"list":[null,1]}',
    );
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00.000Z') })).toBe(
      '{"at":"2026-01-01T00:00:00.000Z"}',
    );
  });

  it('hashes what is stored: the same before and after a JSON round trip', () => {
    const event = { ...opened, data: { ...opened.data, note: undefined, when: new Date(0) } };
    const roundTripped = JSON.parse(JSON.stringify(event)) as NewEvent;
    expect(eventHash(roundTripped, null)).toBe(eventHash(event, null));
  });
});

describe('the hash', () => {
  it('is SHA-256 over {type, data, metadata without hash, prevHash}: a fixed vector', () => {
    const [first] = chainEvents([opened], null);
    // sha256 of {"data":{"amountMinor":4800050,"dealId":"deal-acme","occurredAt":"2026-03-01T09:30:00.000Z"},
    //   "metadata":{"actorId":"mgr-7",…,"prevHash":null,"principal":"orders-service",…},"prevHash":null,"type":"DealOpened"}
    expect(first.metadata.prevHash).toBeNull();
    expect(first.metadata.hash).toBe('bd5f6afe9022d5e152984dfb2b14d2bceaf1b92f01688d1b4c3d0f44a706fb3d');
  });

  it('chains each event onto the one before it, leaving the input untouched', () => {
    const input = [opened, { ...opened, id: 'e2', type: 'DealUpdated' }];
    const chained = chainEvents(input, 'a'.repeat(64));
    expect(chained[0].metadata.prevHash).toBe('a'.repeat(64));
    expect(chained[1].metadata.prevHash).toBe(chained[0].metadata.hash);
    expect(input[0].metadata).not.toHaveProperty('hash');
  });
});

describe('verification', () => {
  const stream = recorded(
    'deal-1',
    [1, 2, 3, 4].map((n) => ({ ...opened, id: `e${n}`, data: { n } })),
  );

  it('accepts an intact chain and names the first broken link of a tampered one', () => {
    expect(verifyStream(stream)).toBeNull();
    const edited = structuredClone(stream);
    edited[2].metadata.actorId = 'mallory';
    expect(verifyStream(edited)).toMatchObject({ stream: 'deal-1', revision: 3, reason: 'hash mismatch' });
    const unhashed = structuredClone(stream);
    delete unhashed[0].metadata.hash;
    expect(verifyStream(unhashed)).toMatchObject({
      revision: 1,
      reason: 'hash mismatch',
      actual: null,
      message: 'the event carries no hash',
    });
  });

  it('reports a missing event as a prevHash mismatch at the event after the gap', () => {
    expect(verifyStream([stream[0], stream[1], stream[3]])).toMatchObject({
      revision: 4,
      reason: 'prevHash mismatch',
      expected: stream[1].metadata.hash,
      actual: stream[2].metadata.hash,
      message: 'revision 3 is missing',
    });
    expect(verifyStream(stream.slice(1))).toMatchObject({ revision: 2, expected: null });
  });

  it('verifies interleaved streams in global order with one tip per stream', () => {
    const other = recorded('lead-1', [opened, opened], 10);
    const interleaved = [stream[0], other[0], stream[1], other[1], stream[2], stream[3]];
    expect(verifyChain(interleaved)).toBeNull();
    const swapped = [stream[0], other[1], other[0], stream[1]];
    expect(verifyChain(swapped)).toMatchObject({
      stream: 'lead-1',
      revision: 2,
      reason: 'prevHash mismatch',
    });
  });
});
