import type { Doc, IndexSpec } from '@sales/read-store';
import { isVersioned, type Projection } from '../runtime/projection.js';

// Every read-model document is versioned in two times: business time (valid from the occurredAt of
// the event that made the version) and recorded time (from that event's recordedAt). The serving
// document of a collection is its newest version, open-ended in both times, and carries the start
// of both (`_vf`, `_rf`); the versions it replaced live beside it, in `<collection>.versions`, with
// these bookkeeping fields:
//
//   _of  the document's id (a version's own _id is `<id>|<position>…`, unique per version)
//   _vf  valid from (business time)          _vt  valid to, exclusive (FOREVER: open-ended)
//   _vc  when the cut at _vt was recorded: before then the version was still open-ended
//   _rf  recorded from                        _rt  retracted at (FOREVER: still believed)
//   _wp  the position of the event that wrote it    _rp  of the one that retracted it (null: none)
// (both so that an event applied again after an interrupted commit sees the versions as they were
// before it, whatever of its own and its successors' writes had landed)
//
// A version is the document as of (asOf, knownAt) when
//   _rf ≤ knownAt < _rt  and  _vf ≤ asOf  and  (asOf < _vt  or  knownAt < _vc)
// — one row's own fields, so a read as of any time is one indexed query per collection.

export const FOREVER = '9999-12-31T23:59:59.999Z';

export const OF = '_of';
export const VALID_FROM = '_vf';
export const VALID_TO = '_vt';
export const CUT_AT = '_vc';
export const RECORDED_FROM = '_rf';
export const RETRACTED_AT = '_rt';
export const RETRACTED_BY = '_rp';
export const WRITTEN_BY = '_wp';

/** The fields a version row adds to the document's own. */
export const BOOKKEEPING = [
  OF,
  VALID_FROM,
  VALID_TO,
  CUT_AT,
  RECORDED_FROM,
  RETRACTED_AT,
  RETRACTED_BY,
  WRITTEN_BY,
] as const;

const VERSIONS = '.versions';
export const versionsOf = (collection: string) => `${collection}${VERSIONS}`;
export const isVersions = (collection: string) => collection.endsWith(VERSIONS);

export type VersionRow = Doc & {
  _of: string;
  _vf: string;
  _vt: string;
  _vc: string;
  _rf: string;
  _rt: string;
  _rp: number | null;
  _wp: number;
};

/** A serving document's own fields: without _id, _position and the version starts. */
export function stateOf(doc: Record<string, unknown>): Record<string, unknown> {
  const { _id: _ignoredId, _position: _ignoredPosition, _vf: _validFrom, _rf: _recordedFrom, ...state } = doc;
  return state;
}

/** A version row's document fields, without its bookkeeping. */
export function versionState(row: Record<string, unknown>): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row))
    if (field !== '_id' && field !== '_position' && !(BOOKKEEPING as readonly string[]).includes(field))
      state[field] = value;
  return state;
}

/**
 * The indexes a projection's generation carries: its own, the same ones on the versions of each
 * collection (reads as of a time filter the versions as the live reads filter the documents), and
 * one to find a document's versions. A versions index ends with _vt and _vf: a read that names every
 * field of the index seeks to the versions that ended after its asOf, not to all the versions the
 * history ever made there (a handful of documents rewritten by every event, as the stage outcomes
 * are, leave versions in proportion to the history); a read with a range on a field (a window),
 * which cannot seek on _vt, and a read at an earlier asOf, for which most versions that ended after
 * it also began after it, test both times on the index entries and read only the rows that stood.
 */
export function storedIndexes(projection: Projection): IndexSpec[] {
  const versioned = projection.indexes
    .filter((spec) => isVersioned(projection, spec.collection))
    .map((spec) => ({
      collection: versionsOf(spec.collection),
      fields: [...spec.fields, VALID_TO, VALID_FROM],
    }));
  return [...projection.indexes, ...versioned, ...versionLookupIndexes(projection)];
}

/** The index reads of given documents as of a time need (time-cut-reads.ts). */
export const versionLookupIndexes = (projection: Projection): IndexSpec[] =>
  projection.collections
    .filter((collection) => isVersioned(projection, collection))
    .map((collection) => ({ collection: versionsOf(collection), fields: [OF, VALID_TO] }));

/**
 * The _ids of a document's versions, as a range: each starts with `<id>|`, so the primary key
 * finds them, with no index of their own to keep up while a generation catches up (it may hold a
 * document whose id starts so too: filter on _of besides).
 */
export const versionIdsOf = (id: string) => ({ gte: `${id}|`, lt: `${id}}` });

/** Every collection a projection's generation holds, versions included. */
export const storedCollections = (projection: Projection): string[] =>
  projection.collections.flatMap((collection) =>
    isVersioned(projection, collection) ? [collection, versionsOf(collection)] : [collection],
  );
