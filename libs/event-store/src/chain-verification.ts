import type { EventStore, Position } from './event-store.port.js';
import { ChainBreak, ChainVerifier } from './hash-chain.js';

export type ChainReport = {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  brokenLinks: number;
  firstBroken: ChainBreak | null;
  /** global position of the last event checked (null: none) */
  position: Position | null;
};

export type VerifyOptions = {
  /** one stream; otherwise every stream (or those with one of `streamPrefixes`) */
  stream?: string;
  streamPrefixes?: string[];
  pageSize?: number;
  onProgress?: (report: ChainReport) => void;
};

const DEFAULT_PAGE = 1000;

// Reads the store a page at a time and verifies as it goes: one stream by version, or $all in
// global order with one chain tip per stream (ChainVerifier), never the whole history at once.
export async function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<ChainReport> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  const verifier = new ChainVerifier();
  let position: Position | null = null;
  const report = (): ChainReport => ({
    ok: verifier.firstBroken === null,
    streamsChecked: verifier.streamsChecked,
    eventsChecked: verifier.eventsChecked,
    brokenLinks: verifier.brokenLinks,
    firstBroken: verifier.firstBroken,
    position,
  });
  if (options.stream !== undefined) {
    let fromVersion = 1;
    for (;;) {
      const { events } = await store.readStream(options.stream, { fromVersion, limit: pageSize });
      for (const event of events) {
        verifier.check(event);
        position = event.position;
      }
      options.onProgress?.(report());
      if (events.length < pageSize) return report();
      fromVersion = events[events.length - 1].version + 1;
    }
  }
  const filter = options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : undefined;
  for (;;) {
    const page = await store.readAll(position, pageSize, filter);
    for (const event of page) {
      verifier.check(event);
      position = event.position;
    }
    options.onProgress?.(report());
    if (page.length < pageSize) return report();
  }
}
