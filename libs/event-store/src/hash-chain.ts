import { hash } from 'node:crypto';
import type { EventMetadata, NewEvent, RecordedEvent } from './event-store.port.js';

// Tamper evidence. Every event's metadata carries `prevHash` (the hash of the event before it in
// its stream, null for the first) and `hash` = SHA-256 (hex) of the canonical JSON of
// `{ type, data, metadata without hash, prevHash }`. Adapters chain at append, onto the stream's
// last stored hash, so a caller can neither forge nor skip a link. Editing, reordering or deleting a
// stored event breaks the chain at that event or the next one; deleting the newest events of a
// stream leaves no trace in the chain itself (compare stream versions with an outside copy).

// The canonical JSON of a JSON value (RFC 8785, JCS, for the values an event holds): object keys
// sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes them.
// Whatever JSON.stringify leaves out (undefined, functions) is left out here too, so an event
// hashes the same before it is stored and after it is read back.
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError('not a JSON value');
  return text;
}

// Built by appending to one string (no member arrays): it runs for every event appended. An array's
// holes stay empty, as Array#join leaves them.
function canonical(input: unknown): string | undefined {
  const value =
    input !== null &&
    typeof input === 'object' &&
    typeof (input as { toJSON?: unknown }).toJSON === 'function'
      ? (input as { toJSON: () => unknown }).toJSON()
      : input;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      if (i in value) text += canonical(value[i]) ?? 'null';
    }
    return `${text}]`;
  }
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = canonical((value as Record<string, unknown>)[key]);
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
}

// One-shot hashing (Node >= 20.12): no Hash object per event.
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

type Hashable = Pick<NewEvent, 'type' | 'data' | 'metadata'>;

/** The hash an event must carry, given the prevHash it is chained onto. */
export function eventHash(event: Hashable, prevHash: string | null): string {
  const { hash: _hash, ...metadata } = event.metadata;
  return sha256Hex(canonicalJson({ type: event.type, data: event.data, metadata, prevHash }));
}

const storedString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const hashOf = (event: { metadata: EventMetadata }): string | null =>
  storedString(event.metadata.hash);
export const prevHashOf = (event: { metadata: EventMetadata }): string | null =>
  storedString(event.metadata.prevHash);

/** The events as they are to be stored: each chained onto the one before, the first onto `prevHash`. */
export function chainEvents(events: NewEvent[], prevHash: string | null): NewEvent[] {
  let previous = prevHash;
  return events.map((event) => {
    const { hash: _hash, prevHash: _prevHash, ...rest } = event.metadata;
    const metadata: EventMetadata = { ...rest, prevHash: previous };
    const hash = eventHash({ type: event.type, data: event.data, metadata }, previous);
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

/** Where a stream's chain stands: its last event's version and stored hash. */
export type ChainTip = { version: number; hash: string | null };
export const EMPTY_TIP: ChainTip = { version: 0, hash: null };

export type ChainBreak = {
  stream: string;
  /** the event's version (1-based) */
  revision: number;
  position: number;
  reason: 'hash mismatch' | 'prevHash mismatch';
  expected: string | null;
  actual: string | null;
  message: string;
};

/** Checks one event against the tip of its stream's chain before it. */
export function checkLink(event: RecordedEvent, tip: ChainTip): ChainBreak | null {
  const at = { stream: event.stream, revision: event.version, position: event.position };
  const prevHash = prevHashOf(event);
  if (event.version !== tip.version + 1) {
    const missing =
      event.version > tip.version + 1
        ? `revision ${tip.version + 1}${event.version - 1 > tip.version + 1 ? `–${event.version - 1}` : ''} is missing`
        : `revision ${event.version} follows revision ${tip.version}`;
    return { ...at, reason: 'prevHash mismatch', expected: tip.hash, actual: prevHash, message: missing };
  }
  if (prevHash !== tip.hash) {
    return {
      ...at,
      reason: 'prevHash mismatch',
      expected: tip.hash,
      actual: prevHash,
      message: `prevHash does not name revision ${tip.version}${tip.version === 0 ? ' (none: the first event)' : ''}`,
    };
  }
  const expected = eventHash(event, prevHash);
  const actual = hashOf(event);
  if (actual !== expected) {
    return {
      ...at,
      reason: 'hash mismatch',
      expected,
      actual,
      message:
        actual === null
          ? 'the event carries no hash'
          : 'the stored event differs from what was hashed at append',
    };
  }
  return null;
}

/** The first broken link among one stream's events (in version order), or null. */
export function verifyStream(events: RecordedEvent[], from: ChainTip = EMPTY_TIP): ChainBreak | null {
  let tip = from;
  for (const event of events) {
    const broken = checkLink(event, tip);
    if (broken) return broken;
    tip = { version: event.version, hash: hashOf(event) };
  }
  return null;
}

// Verifies events of any streams in global order, a page at a time: it keeps one tip per stream
// and nothing per event, so memory grows with the number of streams, not with history. Each link
// is checked against what is stored before it, so one broken link is reported once and the rest
// of its stream is still checked.
export class ChainVerifier {
  private readonly tips = new Map<string, ChainTip>();
  eventsChecked = 0;
  brokenLinks = 0;
  firstBroken: ChainBreak | null = null;

  check(event: RecordedEvent): ChainBreak | null {
    const broken = checkLink(event, this.tips.get(event.stream) ?? EMPTY_TIP);
    this.tips.set(event.stream, { version: event.version, hash: hashOf(event) });
    this.eventsChecked++;
    if (broken) {
      this.brokenLinks++;
      this.firstBroken ??= broken;
    }
    return broken;
  }

  get streamsChecked(): number {
    return this.tips.size;
  }
}

/** The first broken link among events of any streams, in global order, or null. */
export function verifyChain(events: Iterable<RecordedEvent>): ChainBreak | null {
  const verifier = new ChainVerifier();
  for (const event of events) if (verifier.check(event)) break;
  return verifier.firstBroken;
}
