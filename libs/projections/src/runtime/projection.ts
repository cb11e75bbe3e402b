import type { IndexSpec } from '@sales/read-store';

// What a projection sees of an event: its facts and where it stands in the log.
export type ProjectedEvent = {
  type: string;
  stream: string;
  position: number;
  data: Record<string, unknown>;
  /** When the engine recorded it: the recorded-time axis of the versioned read models. */
  recordedAt: string;
};

export type DocKey = { collection: string; id: string };

export type DocState = Record<string, unknown>;

export type ProjectionWrite =
  | { op: 'put'; collection: string; id: string; doc: DocState }
  | { op: 'delete'; collection: string; id: string };

export type Lookup = (collection: string, id: string) => DocState | null;

/** A document as it stood at a time cut (business time asOf, as recorded by knownAt), null if not yet. */
export type SelfCut = (doc: DocState, cut: { asOf: string; knownAt: string | null }) => DocState | null;

// A projection is data plus pure functions. `keys` names the documents an event touches; `evolve`
// may read only those documents and decides their new state from their old state and the event,
// never from another document — so a crash between two document writes (stores without
// transactions) cannot leave a document built from another one's future.
export type Projection = {
  name: string;
  /** Bump to rebuild the read model from history (blue/green) on the next start. */
  version: number;
  eventTypes: readonly string[];
  /** The streams whose events it handles: a replay as of a date reads only these. */
  streamPrefixes: readonly string[];
  /** Every collection it writes (for dumps and comparisons; indexes name theirs too). */
  collections: readonly string[];
  indexes: IndexSpec[];
  keys: (event: ProjectedEvent) => DocKey[];
  evolve: (event: ProjectedEvent, docs: Lookup) => ProjectionWrite[];
  /**
   * Collections kept without versions, because each of their documents tells what it was at any
   * time cut: one that gathers entries from many streams, each entry with its event's business and
   * recorded time, where a version per event would copy the whole document each time. Queries on
   * them as of a cut may filter only on fields that never change.
   */
  selfCut?: Readonly<Record<string, SelfCut>>;
};

/** Whether the runtime keeps versions of a collection's documents. */
export const isVersioned = (projection: Projection, collection: string): boolean =>
  projection.selfCut?.[collection] === undefined;
