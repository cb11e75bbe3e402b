import { EsdbEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, BOOKKEEPING, ProjectionEngine, storedCollections } from '@sales/projections';
import { type Doc, MongoReadStore, type ReadStore } from '@sales/read-store';

// The read models the workers left, against a clean rebuild of the same log into a fresh
// database: every collection of every serving generation, document for document.

export type Dump = Record<string, Doc[]>;

// Underscore-prefixed fields other than _id, _position and the versions' own would be the store's
// bookkeeping (a fencing token, a lease), which differs between a worker that took over and a
// clean run.
const kept = new Set<string>(['_id', '_position', ...BOOKKEEPING]);
const bookkeeping = (field: string) => field.startsWith('_') && !kept.has(field);
const withoutBookkeeping = (doc: Doc): Doc =>
  Object.fromEntries(Object.entries(doc).filter(([field]) => !bookkeeping(field))) as Doc;

export async function dump(store: ReadStore): Promise<Dump> {
  const records = await store.projections();
  const out: Dump = {};
  for (const projection of ALL_PROJECTIONS) {
    const generation = records.find((r) => r.projection === projection.name)?.activeGeneration;
    if (generation == null) throw new Error(`${projection.name} has no serving generation`);
    for (const collection of storedCollections(projection)) {
      const docs = await store.find({ projection: projection.name, generation }, collection);
      out[`${projection.name}/${collection}`] = docs.map(withoutBookkeeping);
    }
  }
  return out;
}

export async function dumpDatabase(mongoUrl: string, db: string): Promise<Dump> {
  const store = await MongoReadStore.connect(mongoUrl, db);
  try {
    return await dump(store);
  } finally {
    await store.close();
  }
}

/** Every projection rebuilt from the whole log into `db`, in this process, then dumped. */
export async function cleanRebuild(
  eventStoreUrl: string,
  mongoUrl: string,
  db: string,
  head: number,
): Promise<Dump> {
  const events = new EsdbEventStore(eventStoreUrl);
  const reads = await MongoReadStore.connect(mongoUrl, db);
  try {
    const engine = new ProjectionEngine(ALL_PROJECTIONS, events, reads);
    await engine.start();
    const reached = await engine.waitFor(
      head,
      ALL_PROJECTIONS.map((p) => p.name),
      180_000,
    );
    await engine.stop();
    if (!reached) throw new Error(`the clean rebuild did not reach ${head}`);
    return await dump(reads);
  } finally {
    await reads.close();
    await events.close();
  }
}

/** Differences, at most `limit`: a collection whose count differs, or a document that differs. */
export function compareDumps(cluster: Dump, clean: Dump, limit = 20): string[] {
  const differences: string[] = [];
  for (const key of new Set([...Object.keys(clean), ...Object.keys(cluster)])) {
    const ours = new Map((cluster[key] ?? []).map((d) => [d._id, d]));
    const theirs = new Map((clean[key] ?? []).map((d) => [d._id, d]));
    if (ours.size !== theirs.size)
      differences.push(`${key}: ${ours.size} documents, the clean rebuild has ${theirs.size}`);
    for (const id of new Set([...ours.keys(), ...theirs.keys()])) {
      const a = JSON.stringify(ours.get(id) ?? null);
      const b = JSON.stringify(theirs.get(id) ?? null);
      if (a !== b) differences.push(`${key}/${id}: cluster ${a?.slice(0, 300)} ≠ clean ${b?.slice(0, 300)}`);
      if (differences.length >= limit) return differences;
    }
  }
  return differences;
}

/** A lead is converted to a deal exactly when that deal exists and names the lead. */
export function halfDoneConversions(models: Dump): string[] {
  const leads = new Map(models['leads/leads'].map((l) => [l.leadId as string, l]));
  const deals = new Map(models['deals/deals'].map((d) => [d.dealId as string, d]));
  const problems: string[] = [];
  for (const deal of deals.values()) {
    if (deal.leadId == null) continue;
    const lead = leads.get(deal.leadId as string);
    if (lead?.status !== 'converted' || lead.dealId !== deal.dealId)
      problems.push(
        `deal ${deal.dealId} names lead ${deal.leadId}, which is ${lead?.status ?? 'missing'} (dealId ${lead?.dealId})`,
      );
  }
  for (const lead of leads.values()) {
    if (lead.status !== 'converted') continue;
    const deal = deals.get(lead.dealId as string);
    if (deal?.leadId !== lead.leadId)
      problems.push(
        `lead ${lead.leadId} converted to ${lead.dealId}, which names ${deal?.leadId ?? 'no deal'}`,
      );
  }
  return problems;
}

/** STAGE_IN_USE across processes: no open deal sits in a stage its pipeline no longer has. */
export function dealsInRemovedStages(models: Dump): string[] {
  type Definition = { occurredAt: string; stages: { id: string }[] };
  const current = new Map(
    models['reference/pipelines'].map((p) => {
      const definitions = [...(p.definitions as Definition[])].sort((a, b) =>
        a.occurredAt < b.occurredAt ? -1 : 1,
      );
      return [p.pipelineId as string, new Set(definitions[definitions.length - 1].stages.map((s) => s.id))];
    }),
  );
  return models['deals/deals']
    .filter((d) => d.status === 'open' && !current.get(d.pipelineId as string)?.has(d.stageId as string))
    .map((d) => `open deal ${d.dealId} is in ${d.pipelineId}/${d.stageId}, which the pipeline no longer has`);
}
