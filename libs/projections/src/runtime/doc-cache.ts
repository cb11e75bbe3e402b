import type { Doc, GenerationRef, Lease, ReadStore, Write } from '@sales/read-store';
import { isVersions, OF, VALID_TO, versionIdsOf, type VersionRow } from '../temporal/version-fields.js';
import { docKey } from './apply-batch.js';
import type { DocKey } from './projection.js';

// Write-behind documents of one generation: batches read and change documents here; `flush`
// writes what changed, with the checkpoint, in one commit. During catch-up many batches share one
// flush, so a document changed by a thousand events is written once, not a thousand times. What
// it holds is counted in rows (`rowsHeld`): its owner decides when to flush and `forget`.
export class DocCache {
  private readonly docs = new Map<string, Doc | null>();
  private readonly dirty = new Map<string, Write>();
  /** Unflushed versions by the document they are of: a backdated event reads them before they are stored. */
  private readonly dirtyVersions = new Map<string, Map<string, VersionRow>>();
  private pendingVersions = 0;

  constructor(
    private readonly readStore: ReadStore,
    private readonly ref: GenerationRef,
    /** The lease every commit is fenced with (none for a private replay). */
    private readonly fence?: Lease,
  ) {}

  /** Documents held (read, written, or known to be absent) plus versions not yet flushed. */
  get rowsHeld(): number {
    return this.docs.size + this.pendingVersions;
  }

  async load(keys: DocKey[]): Promise<Map<string, Doc>> {
    const found = new Map<string, Doc>();
    let missing: Map<string, string[]> | null = null;
    for (const key of keys) {
      const k = docKey(key);
      const doc = this.docs.get(k);
      if (doc) found.set(k, doc);
      else if (doc === undefined) {
        missing ??= new Map();
        const ids = missing.get(key.collection);
        if (ids) ids.push(key.id);
        else missing.set(key.collection, [key.id]);
      }
    }
    for (const [collection, ids] of missing ?? []) {
      for (const id of ids) this.docs.set(docKey({ collection, id }), null);
      for (const doc of await this.readStore.getMany(this.ref, collection, ids)) {
        const k = docKey({ collection, id: doc._id });
        this.docs.set(k, doc);
        found.set(k, doc);
      }
    }
    return found;
  }

  /** A document's versions still valid after `after`: the stored ones, overlaid with the unflushed. */
  async versions(collection: string, id: string, after: string): Promise<VersionRow[]> {
    const rows = new Map<string, VersionRow>();
    const where = { _id: versionIdsOf(id), [OF]: id, [VALID_TO]: { gt: after } };
    for (const doc of await this.readStore.find(this.ref, collection, { where }))
      rows.set(doc._id, doc as VersionRow);
    for (const row of this.dirtyVersions.get(docKey({ collection, id }))?.values() ?? [])
      if (row._vt > after) rows.set(row._id, row);
    return [...rows.values()];
  }

  absorb(writes: Write[]): void {
    for (const write of writes) {
      const key = docKey({ collection: write.collection, id: write.op === 'put' ? write.doc._id : write.id });
      this.dirty.set(key, write);
      if (isVersions(write.collection) && write.op === 'put') {
        const row = write.doc as VersionRow;
        const of = docKey({ collection: write.collection, id: row._of });
        let rows = this.dirtyVersions.get(of);
        if (!rows) this.dirtyVersions.set(of, (rows = new Map<string, VersionRow>()));
        if (!rows.has(row._id)) this.pendingVersions++;
        rows.set(row._id, row);
        continue;
      }
      this.docs.set(key, write.op === 'put' ? write.doc : null);
    }
  }

  async flush(checkpoint: number): Promise<void> {
    // Versions before the documents they version: see applyBatch.
    const writes = [...this.dirty.values()];
    const ordered = [
      ...writes.filter((w) => isVersions(w.collection)),
      ...writes.filter((w) => !isVersions(w.collection)),
    ];
    await this.readStore.commit(this.ref, ordered, checkpoint, this.fence);
    this.dirty.clear();
    this.dirtyVersions.clear();
    this.pendingVersions = 0;
  }

  /** Drops the documents held (after a flush: none of them is unwritten); later loads read the store. */
  forget(): void {
    this.docs.clear();
  }

  /** After a failed commit the cache may hold changes the store never got: start from the store. */
  reset(): void {
    this.docs.clear();
    this.dirty.clear();
    this.dirtyVersions.clear();
    this.pendingVersions = 0;
  }
}
