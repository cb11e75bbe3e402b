import type { Doc, GenerationRef, ReadStore } from '@sales/read-store';
import type { DeliveryLeaseHandle } from './delivery-lease.js';
import { fenceOf } from './read-store-delivery-lease.js';
import type { WebhookDefinition, WebhookProgress } from './webhook.js';
import type { WebhookStore } from './webhook-store.port.js';

// Webhooks live in the read store, through its port, so that they are shared by every process in
// server mode (MongoDB) and kept in the data dir when embedded (SQLite). They are not a projection
// of the log: their "generations" are fixed and never rebuilt. Definitions share one; each
// webhook's progress has a generation of its own, named like a lease (`webhook:<id>`), so that a
// delivery lease over that name can fence the progress writes of a worker that lost it.
const DEFINITIONS: GenerationRef = { projection: 'webhooks', generation: 0 };
const progressRef = (id: string): GenerationRef => ({ projection: `webhook:${id}`, generation: 0 });
const DEFINITION = 'definitions';
const PROGRESS = 'progress';

type DefinitionDoc = Doc & { definition: WebhookDefinition };
type ProgressDoc = Doc & { progress: WebhookProgress };

export class ReadStoreWebhookStore implements WebhookStore {
  private ready: Promise<void> | null = null;
  private readonly ensured = new Set<string>();

  constructor(private readonly store: ReadStore) {}

  async put(definition: WebhookDefinition): Promise<void> {
    await this.ensure();
    const doc: DefinitionDoc = { _id: definition.id, _position: 0, definition };
    await this.store.commit(DEFINITIONS, [{ op: 'put', collection: DEFINITION, doc }], 0);
  }

  async get(id: string): Promise<WebhookDefinition | null> {
    await this.ensure();
    const doc = (await this.store.get(DEFINITIONS, DEFINITION, id)) as DefinitionDoc | null;
    return doc?.definition ?? null;
  }

  async list(): Promise<WebhookDefinition[]> {
    await this.ensure();
    // Ordered by _id: the port's default order.
    const docs = (await this.store.find(DEFINITIONS, DEFINITION)) as DefinitionDoc[];
    return docs.map((doc) => doc.definition);
  }

  async delete(id: string): Promise<boolean> {
    await this.ensure();
    const existed = (await this.store.get(DEFINITIONS, DEFINITION, id)) !== null;
    await this.store.commit(DEFINITIONS, [{ op: 'delete', collection: DEFINITION, id }], 0);
    this.ensured.delete(id);
    await this.store.dropGeneration(progressRef(id));
    return existed;
  }

  async progress(id: string): Promise<WebhookProgress | null> {
    const doc = (await this.store.get(progressRef(id), PROGRESS, PROGRESS)) as ProgressDoc | null;
    return doc?.progress ?? null;
  }

  async saveProgress(id: string, progress: WebhookProgress, fence?: DeliveryLeaseHandle): Promise<void> {
    const lease = fence && fenceOf(fence);
    const ref = progressRef(id);
    if (!this.ensured.has(id)) {
      await this.store.ensureGeneration(ref, [], lease);
      this.ensured.add(id);
    }
    const position = progress.position ?? 0;
    const doc: ProgressDoc = { _id: PROGRESS, _position: position, progress };
    await this.store.commit(ref, [{ op: 'put', collection: PROGRESS, doc }], position, lease);
  }

  private ensure(): Promise<void> {
    this.ready ??= this.store.ensureGeneration(DEFINITIONS, []).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }
}
