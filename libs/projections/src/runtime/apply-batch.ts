import type { Doc, Write } from '@sales/read-store';
import { rewriteOutOfOrder, type Span, type Tip } from '../temporal/out-of-order.js';
import { FOREVER, stateOf, versionState, versionsOf, type VersionRow } from '../temporal/version-fields.js';
import { type DocKey, isVersioned, type ProjectedEvent, type Projection } from './projection.js';

const keyOf = (key: DocKey) => `${key.collection}\u0000${key.id}`;

export type LoadDocs = (keys: DocKey[]) => Promise<Map<string, Doc>>;
/** A document's stored versions still valid after `after` (retracted ones included), unflushed ones too. */
export type LoadVersions = (collection: string, id: string, after: string) => Promise<VersionRow[]>;

/**
 * Where a batch reads the documents it changes. With `versions`, every change is versioned in
 * business and recorded time (see temporal/version-fields.ts); without, only the documents'
 * current state is kept (a private replay).
 */
export type BatchDocs = { load: LoadDocs; versions?: LoadVersions };

export class PoisonEventError extends Error {
  constructor(
    readonly event: ProjectedEvent,
    readonly reason: unknown,
  ) {
    super(
      `${event.type} at position ${event.position} (${event.stream}): ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  }
}

// Runs a batch of events through a projection against the documents they touch, and returns the
// final state of every document that changed, plus, when versioned, every version written. A
// stored document that already carries an event's position (or a later one) has seen that event:
// replays after a crash change nothing.
export async function applyBatch(
  projection: Projection,
  events: ProjectedEvent[],
  docs: BatchDocs | LoadDocs,
): Promise<Write[]> {
  const { load, versions } = typeof docs === 'function' ? { load: docs, versions: undefined } : docs;
  const handled = events.filter((e) => projection.eventTypes.includes(e.type));
  if (handled.length === 0) return [];
  const wanted = new Map<string, DocKey>();
  for (const event of handled) for (const key of projection.keys(event)) wanted.set(keyOf(key), key);
  const stored = await load([...wanted.values()]);

  const tips = new Map<string, Tip | null>();
  const changed = new Map<string, DocKey>();
  const versionWrites = new Map<string, Write & { op: 'put' }>();
  const tipOf = (key: string): Tip | null => {
    if (tips.has(key)) return tips.get(key) ?? null;
    const doc = stored.get(key);
    return doc
      ? {
          state: stateOf(doc),
          position: doc._position,
          validFrom: (doc._vf as string | undefined) ?? '',
          recordedFrom: (doc._rf as string | undefined) ?? '',
        }
      : null;
  };
  const seen = (key: string, event: ProjectedEvent) => (stored.get(key)?._position ?? -1) >= event.position;
  // Self-cut collections (projection.ts) keep no versions: nothing of theirs is dated.
  const versioned = (collection: string) => versions !== undefined && isVersioned(projection, collection);
  // The documents as this batch has made them so far.
  const current = (collection: string, id: string) => tipOf(keyOf({ collection, id }))?.state ?? null;
  const putVersion = (collection: string, row: VersionRow) =>
    versionWrites.set(keyOf({ collection, id: row._id }), { op: 'put', collection, doc: row });

  for (const event of handled) {
    const at = String(event.data.occurredAt);
    const keys = projection.keys(event);
    try {
      if (keys.some((key) => versioned(key.collection) && (tipOf(keyOf(key))?.validFrom ?? '') > at)) {
        if (await applyOutOfOrder(event, keys)) continue;
      }
      const writes = projection.evolve(event, current);
      for (const write of writes) {
        const key = keyOf(write);
        if (seen(key, event)) continue;
        const before = tipOf(key);
        let recorded = event.recordedAt;
        // An event dated before the document's version in force, on a document no rewrite can
        // take it back into (see applyOutOfOrder), counts from that version's start.
        const from = before && before.validFrom > at ? before.validFrom : at;
        if (versioned(write.collection) && before) {
          if (before.recordedFrom > recorded) recorded = before.recordedFrom;
          putVersion(versionsOf(write.collection), {
            ...before.state,
            _id: `${write.id}|${event.position}`,
            _position: before.position,
            _of: write.id,
            _vf: before.validFrom,
            _vt: from,
            _vc: recorded,
            _rf: before.recordedFrom,
            _rt: FOREVER,
            _rp: null,
            _wp: event.position,
          });
        }
        tips.set(
          key,
          write.op === 'put'
            ? { state: write.doc, position: event.position, validFrom: from, recordedFrom: recorded }
            : null,
        );
        changed.set(key, { collection: write.collection, id: write.id });
      }
    } catch (error) {
      throw error instanceof PoisonEventError ? error : new PoisonEventError(event, error);
    }
  }

  // The documents a backdated event touches, with every version of theirs it falls under. False
  // when the event writes a document it does not key: only within one stream can that happen, and
  // within a stream business time never goes backwards (OUT_OF_ORDER) — a log written around the
  // domain may still hold such an event, which then counts from the version in force (above).
  async function applyOutOfOrder(event: ProjectedEvent, keys: DocKey[]): Promise<boolean> {
    const at = String(event.data.occurredAt);
    const spans = new Map<string, { key: DocKey; spans: Span[] }>();
    for (const key of keys) {
      const k = keyOf(key);
      if (seen(k, event) || !versioned(key.collection)) continue;
      const list: Span[] = [];
      const rows = new Map<string, VersionRow>();
      for (const row of await (versions as LoadVersions)(versionsOf(key.collection), key.id, at))
        rows.set(row._id, row);
      for (const write of versionWrites.values()) {
        const row = write.doc as VersionRow;
        if (write.collection === versionsOf(key.collection) && row._of === key.id && row._vt > at)
          rows.set(row._id, row);
      }
      // The versions as they stood before this event: what it or a later one wrote in an
      // interrupted attempt is left out, what they retracted is taken back in.
      for (const row of rows.values())
        if (row._wp < event.position && (row._rp === null || row._rp >= event.position))
          list.push({
            state: versionState(row),
            validFrom: row._vf,
            validTo: row._vt,
            recordedFrom: row._rf,
            position: row._position,
            row,
          });
      const tip = tipOf(k);
      if (tip)
        list.push({
          state: tip.state,
          validFrom: tip.validFrom,
          validTo: FOREVER,
          recordedFrom: tip.recordedFrom,
          position: tip.position,
          row: null,
        });
      list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
      spans.set(k, { key, spans: list });
    }
    const rewrite = rewriteOutOfOrder(event, spans, (e, lookup) =>
      projection.evolve(e, lookup).filter((write) => versioned(write.collection)),
    );
    if (!rewrite) return false;
    for (const { collection, row } of rewrite.versions) putVersion(collection, row);
    for (const [k, tip] of rewrite.tips) {
      tips.set(k, tip);
      changed.set(k, (spans.get(k) as { key: DocKey }).key);
    }
    // What it writes to self-cut documents, once, onto their current state.
    for (const write of projection.evolve(event, current)) {
      const k = keyOf(write);
      if (versioned(write.collection) || seen(k, event)) continue;
      tips.set(
        k,
        write.op === 'put'
          ? { state: write.doc, position: event.position, validFrom: at, recordedFrom: event.recordedAt }
          : null,
      );
      changed.set(k, { collection: write.collection, id: write.id });
    }
    return true;
  }

  const live: Write[] = [...changed.entries()].map(([key, doc]) => {
    const tip = tips.get(key);
    if (!tip) return { op: 'delete' as const, collection: doc.collection, id: doc.id };
    const dates = versioned(doc.collection) ? { _vf: tip.validFrom, _rf: tip.recordedFrom } : {};
    return {
      op: 'put' as const,
      collection: doc.collection,
      doc: { ...tip.state, ...dates, _id: doc.id, _position: tip.position } as Doc,
    };
  });
  // Versions first: a crash between the two leaves documents that have not seen the event, which
  // a replay then applies again, writing the very same versions.
  return [...versionWrites.values(), ...live];
}

export const docKey = keyOf;
