import { recordProjectionAction } from './cli-audit.js';
import type { EventStore } from '@sales/event-store';
import {
  ALL_PROJECTIONS,
  CandidateError,
  liveHolder,
  noHolderMessage,
  ProjectionEngine,
} from '@sales/projections';
import type { ReadStore } from '@sales/read-store';
import { type ProgressLine, RebuildProgress } from './progress-bar.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A projection nobody runs is taken by this process at its next try (every 3 s), whether its
// engine stopped (lease released) or died (lease expired after 10 s): beyond this, something keeps
// it from taking the lease, and waiting longer would only hide it.
const UNHELD_LIMIT_MS = 20_000;
// A request the holder has not accepted by then is written again (a registry write it lost).
const RESEND_MS = 5000;

export async function projectionsStatus(
  events: EventStore,
  reads: ReadStore,
  json: boolean,
): Promise<number> {
  const head = (await events.headPosition()) ?? 0;
  const [records, leases] = await Promise.all([reads.projections(), reads.leases()]);
  const rows = ALL_PROJECTIONS.map((p) => {
    const record = records.find((r) => r.projection === p.name);
    const holder = liveHolder(leases, p.name);
    const position = (record?.meta.position as number | null | undefined) ?? null;
    return {
      name: p.name,
      version: p.version,
      builtVersion: (record?.meta.version as number | undefined) ?? null,
      // Live or not is the lease's answer: a stopped engine released it, a dead one let it expire.
      status: holder ? (record?.meta.status as string) : record ? 'stopped' : 'never built',
      holder: holder?.owner ?? null,
      generation: record?.activeGeneration ?? null,
      position,
      lag: position === null ? null : head - position,
      lastError: (record?.meta.lastError as string | null | undefined) ?? null,
    };
  });
  if (json) console.log(JSON.stringify(rows, null, 2));
  else console.table(rows);
  return rows.some((r) => r.status === 'failed') ? 1 : 0;
}

// Rebuilds with an engine of its own, which takes the lease of every named projection that no
// live engine holds and stands by for the others: those are asked to rebuild (through the
// registry) and followed only while their holder's lease is alive. When it lapses, this engine
// takes the lease over and carries the rebuild out itself.
export async function projectionsRebuild(
  events: EventStore,
  reads: ReadStore,
  names: string[],
): Promise<number> {
  const engine = new ProjectionEngine(
    ALL_PROJECTIONS.filter((p) => names.includes(p.name)),
    events,
    reads,
    { log: (line) => console.error(line) },
  );
  await engine.start();
  try {
    const before = new Map<string, number | undefined>();
    for (const name of names) before.set(name, (await engine.servingRef(name, true))?.generation);
    for (const name of names) {
      try {
        await engine.rebuild(name);
        await recordProjectionAction(events, 'ProjectionRebuildRequested', name);
      } catch (error) {
        // A candidate waits for its promotion (POST /v1/projections/:name/promote) or its drop.
        if (!(error instanceof CandidateError)) throw error;
        console.error(`${name}: ${error.message}`);
        return 1;
      }
    }
    // Every rebuild is followed at once, each with its own bar.
    const progress = new RebuildProgress();
    const done = await Promise.all(
      names.map((name) => follow(engine, events, reads, name, before.get(name), progress.bar(name))),
    );
    return done.every(Boolean) ? 0 : 1;
  } finally {
    await engine.stop();
  }
}

async function follow(
  engine: ProjectionEngine,
  events: EventStore,
  reads: ReadStore,
  name: string,
  before: number | undefined,
  bar: ProgressLine,
): Promise<boolean> {
  let following: string | null = null;
  let unheldSince: number | null = null;
  let requestedAt = Date.now();
  for (; ; await sleep(250)) {
    const here = engine.held().includes(name);
    const holder = here ? null : liveHolder(await reads.leases(), name);
    const where = here ? 'this process' : (holder?.owner ?? null);
    if (where !== following) {
      if (where === null) bar.note(`${noHolderMessage(name)}; this process will take it over`);
      else if (where !== 'this process') bar.note(`followed in the engine that holds its lease (${where})`);
      else if (following !== null)
        bar.note(`the engine that held it (${following}) let its lease lapse; rebuilding here`);
      following = where;
    }
    const info = await engine.info(name);
    if (where === null) {
      unheldSince ??= Date.now();
      if (Date.now() - unheldSince > UNHELD_LIMIT_MS) {
        bar.finish(`failed: ${noHolderMessage(name)}, and this process could not take its lease`);
        return false;
      }
      continue;
    }
    unheldSince = null;
    if (info.status === 'failed') {
      bar.finish(`failed: ${info.lastError}`);
      return false;
    }
    if (!info.rebuild && info.generation !== before && info.generation !== null) {
      bar.finish(`rebuilt as generation ${info.generation}, at position ${info.position}`);
      return true;
    }
    if (!here && !info.rebuild && Date.now() - requestedAt > RESEND_MS) {
      const record = (await reads.projections()).find((r) => r.projection === name);
      if (record?.meta.rebuildAcceptedAt !== record?.meta.rebuildRequestedAt) await engine.rebuild(name);
      requestedAt = Date.now();
    }
    bar.update(
      info.rebuild?.position ?? 0,
      (await events.headPosition()) ?? 0,
      info.rebuild?.eventsPerSecond ?? null,
    );
  }
}
