import type { DocKey, DocState, Lookup, ProjectedEvent, ProjectionWrite } from '../runtime/projection.js';
import { FOREVER, versionsOf, type VersionRow } from './version-fields.js';

/** A document's version as the runtime sees it: the serving one (`row` null) or a stored version. */
export type Span = {
  state: DocState;
  validFrom: string;
  validTo: string;
  recordedFrom: string;
  position: number;
  row: VersionRow | null;
};

export type Tip = { state: DocState; position: number; validFrom: string; recordedFrom: string };

export type VersionWrite = { collection: string; row: VersionRow };

export type Rewrite = { versions: VersionWrite[]; tips: Map<string, Tip | null> };

const keyOf = (key: DocKey) => `${key.collection}\u0000${key.id}`;
const same = (a: DocState | null, b: DocState | null) => JSON.stringify(a) === JSON.stringify(b);

// An event dated before versions of the documents it touches (a backdated entry whose documents
// fold several streams: an account's wins, a stage's outcomes, a lead's activities on its deal).
// The documents as of every business time from its occurredAt on must now include it. The
// projections whose documents fold several streams commute across streams (sums, counts, minima;
// within a stream business time never goes backwards), so the document at any later business time
// t is evolve(the document as then believed at t, event): the event is applied to each version it
// falls under, split where another keyed document's version starts, so that `evolve` sees every
// document as of the same business time. The versions it replaces are retracted at its recorded
// time, so that reads known before it still see them.
/** Null when the event writes a document it does not key: its versions cannot be rewritten. */
export function rewriteOutOfOrder(
  event: ProjectedEvent,
  spans: Map<string, { key: DocKey; spans: Span[] }>,
  evolve: (event: ProjectedEvent, docs: Lookup) => ProjectionWrite[],
): Rewrite | null {
  const at = String(event.data.occurredAt);
  let recorded = event.recordedAt;
  const bounds = new Set<string>([at]);
  for (const { spans: list } of spans.values())
    for (const span of list) {
      if (span.recordedFrom > recorded) recorded = span.recordedFrom;
      for (const bound of [span.validFrom, span.validTo])
        if (bound > at && bound !== FOREVER) bounds.add(bound);
    }
  const starts = [...bounds].sort();
  const covering = (list: Span[], t: string) => list.find((s) => s.validFrom <= t && t < s.validTo) ?? null;

  // The documents' states per segment [starts[i], starts[i + 1]) once the event is applied, with
  // the position of the event that made each.
  type Piece = { state: DocState | null; position: number };
  const after = new Map<string, Piece[]>();
  for (const [i, start] of starts.entries()) {
    const lookup: Lookup = (collection, id) => {
      const entry = spans.get(keyOf({ collection, id }));
      return entry ? (covering(entry.spans, start)?.state ?? null) : null;
    };
    for (const write of evolve(event, lookup)) {
      const key = keyOf(write);
      const entry = spans.get(key);
      if (!entry) return null;
      const pieces =
        after.get(key) ??
        starts.map((s) => {
          const span = covering(entry.spans, s);
          return { state: span?.state ?? null, position: span?.position ?? event.position };
        });
      pieces[i] = { state: write.op === 'put' ? write.doc : null, position: event.position };
      after.set(key, pieces);
    }
  }

  const versions: VersionWrite[] = [];
  const tips = new Map<string, Tip | null>();
  for (const [key, { key: doc, spans: list }] of spans) {
    const states = after.get(key);
    if (!states) continue;
    const position = event.position;
    // Pieces: what stood before the event's time stays; from it on, the new states.
    const pieces: (Piece & { from: string; to: string })[] = [];
    for (const span of list)
      if (span.validFrom < at)
        pieces.push({ from: span.validFrom, to: at, state: span.state, position: span.position });
    starts.forEach((start, i) => pieces.push({ from: start, to: starts[i + 1] ?? FOREVER, ...states[i] }));
    const merged: typeof pieces = [];
    for (const piece of pieces) {
      const last = merged[merged.length - 1];
      if (last && last.to === piece.from && last.position === piece.position && same(last.state, piece.state))
        last.to = piece.to;
      else merged.push({ ...piece });
    }
    const collection = versionsOf(doc.collection);
    for (const span of list)
      versions.push({
        collection,
        row: span.row
          ? { ...span.row, _rt: recorded, _rp: position }
          : {
              ...span.state,
              _id: `${doc.id}|${position}|serving`,
              _position: span.position,
              _of: doc.id,
              _vf: span.validFrom,
              _vt: FOREVER,
              _vc: FOREVER,
              _rf: span.recordedFrom,
              _rt: recorded,
              _rp: position,
              _wp: position,
            },
      });
    let tip: Tip | null = null;
    for (const piece of merged) {
      if (piece.state === null) continue;
      if (piece.to === FOREVER) {
        tip = { state: piece.state, position, validFrom: piece.from, recordedFrom: recorded };
        continue;
      }
      versions.push({
        collection,
        row: {
          ...piece.state,
          _id: `${doc.id}|${position}|${piece.from}`,
          _position: piece.position,
          _of: doc.id,
          _vf: piece.from,
          _vt: piece.to,
          _vc: recorded,
          _rf: recorded,
          _rt: FOREVER,
          _rp: null,
          _wp: position,
        },
      });
    }
    tips.set(key, tip);
  }
  return { versions, tips };
}
