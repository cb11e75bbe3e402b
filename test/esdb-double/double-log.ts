// The double's storage: one global sequence of events ($all) with a per-stream index. Positions are
// offsets into an imaginary log (commit = prepare, strictly increasing, not contiguous) so that an
// adapter that confuses positions with counts or indexes fails against it.

export type StoredEvent = {
  stream: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  created: bigint;
};

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;

export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  { ok: true; current: bigint | null; position: bigint | null } | { ok: false; current: bigint | null };

export type From = 'start' | 'end' | bigint;

const RECORD_OVERHEAD = 96n;

function satisfied(expected: Expected, current: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === null;
  if (expected === 'stream_exists') return current !== null;
  return current === expected;
}

export class DoubleLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private nextPosition = 0n;

  append(stream: string, expected: Expected, proposed: ProposedEvent[]): AppendOutcome {
    const events = this.streams.get(stream) ?? [];
    const current = events.length ? BigInt(events.length - 1) : null;
    if (!satisfied(expected, current)) return { ok: false, current };
    if (!proposed.length) return { ok: true, current, position: null };
    const created = BigInt(Date.now()) * 10_000n;
    const appended = proposed.map((event) => {
      const stored = {
        ...event,
        stream,
        revision: BigInt(events.length),
        position: this.nextPosition,
        created,
      };
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.metadata.length);
      events.push(stored);
      this.all.push(stored);
      return stored;
    });
    this.streams.set(stream, events);
    for (const event of appended) for (const listener of [...this.listeners]) listener(event);
    const last = appended[appended.length - 1];
    return { ok: true, current: last.revision, position: last.position };
  }

  // Inclusive of `from` in both directions, like the server; null when the stream does not exist.
  readStream(stream: string, from: From, backwards: boolean, count: number): StoredEvent[] | null {
    const events = this.streams.get(stream);
    if (!events) return null;
    if (backwards) {
      const start =
        from === 'start'
          ? -1
          : from === 'end'
            ? events.length - 1
            : Math.min(Number(from), events.length - 1);
      return events.slice(Math.max(0, start + 1 - count), start + 1).reverse();
    }
    const start = from === 'start' ? 0 : from === 'end' ? events.length : Number(from);
    return events.slice(start, start + count);
  }

  // Forwards from a position is inclusive (>= P); backwards returns the events before P.
  readAll(from: From, backwards: boolean, count: number): StoredEvent[] {
    if (backwards) {
      const end = from === 'start' ? 0 : from === 'end' ? this.all.length : this.indexAtOrAfter(from);
      return this.all.slice(Math.max(0, end - count), end).reverse();
    }
    const start = from === 'start' ? 0 : from === 'end' ? this.all.length : this.indexAtOrAfter(from);
    return this.all.slice(start, start + count);
  }

  // What a catch-up subscription replays: strictly after a position.
  after(from: From): StoredEvent[] {
    if (from === 'start') return [...this.all];
    if (from === 'end') return [];
    return this.all.filter((event) => event.position > from);
  }

  head(): bigint | null {
    return this.all.length ? this.all[this.all.length - 1].position : null;
  }

  listen(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private indexAtOrAfter(position: bigint): number {
    const index = this.all.findIndex((event) => event.position >= position);
    return index === -1 ? this.all.length : index;
  }
}
