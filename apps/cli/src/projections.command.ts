import type { EventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, isRunningElsewhere, ProjectionEngine } from '@sales/projections';
import type { ProjectionRecord, ReadStore } from '@sales/read-store';
import { type ProgressLine, RebuildProgress } from './progress-bar.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const alive = isRunningElsewhere;

export async function projectionsStatus(
  events: EventStore,
  reads: ReadStore,
  json: boolean,
): Promise<number> {
  const head = (await events.headPosition()) ?? 0;
  const records = await reads.projections();
  const rows = ALL_PROJECTIONS.map((p) => {
    const record = records.find((r) => r.projection === p.name);
    const position = (record?.meta.position as number | null | undefined) ?? null;
    return {
      name: p.name,
      version: p.version,
      builtVersion: (record?.meta.version as number | undefined) ?? null,
      status: record ? (alive(record) ? (record.meta.status as string) : 'stopped') : 'never built',
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

// Asks the process that runs the projections (API or projector worker) to rebuild, and follows
// it; when none is running, rebuilds here with the same engine.
export async function projectionsRebuild(
  events: EventStore,
  reads: ReadStore,
  names: string[],
): Promise<number> {
  const records = await reads.projections();
  const running = names.every((name) => alive(records.find((r) => r.projection === name)));
  if (running) {
    for (const name of names) await reads.updateMeta(name, { rebuildRequestedAt: new Date().toISOString() });
    const progress = new RebuildProgress();
    return (
      await Promise.all(names.map((name) => followRemote(events, reads, name, records, progress)))
    ).every(Boolean)
      ? 0
      : 1;
  }
  const engine = new ProjectionEngine(
    ALL_PROJECTIONS.filter((p) => names.includes(p.name)),
    events,
    reads,
  );
  await engine.start();
  try {
    const before = new Map(names.map((name) => [name, engine.serving(name)?.generation]));
    for (const name of names) await engine.rebuild(name);
    // Every rebuild runs at once, each with its own bar, all followed in one loop.
    const progress = new RebuildProgress();
    const pending = new Map<string, ProgressLine>(names.map((name) => [name, progress.bar(name)]));
    let failed = false;
    while (pending.size > 0) {
      const head = (await events.headPosition()) ?? 0;
      for (const [name, bar] of pending) {
        const info = await engine.info(name);
        if (info.status === 'failed') {
          bar.finish(`failed: ${info.lastError}`);
          pending.delete(name);
          failed = true;
        } else if (!info.rebuild && engine.serving(name)?.generation !== before.get(name)) {
          bar.finish(
            `rebuilt as generation ${info.generation}, at position ${info.position}`,
            info.position ?? undefined,
          );
          pending.delete(name);
        } else bar.update(info.rebuild?.position ?? 0, head, info.rebuild?.eventsPerSecond ?? null);
      }
      if (pending.size > 0) await sleep(200);
    }
    if (failed) return 1;
    return 0;
  } finally {
    await engine.stop();
  }
}

async function followRemote(
  events: EventStore,
  reads: ReadStore,
  name: string,
  before: ProjectionRecord[],
  progress: RebuildProgress,
): Promise<boolean> {
  const generation = before.find((r) => r.projection === name)?.activeGeneration;
  const bar = progress.bar(`${name} (in the running engine)`);
  const deadline = Date.now() + 6 * 60 * 60 * 1000;
  while (Date.now() < deadline) {
    await sleep(500);
    const record = (await reads.projections()).find((r) => r.projection === name);
    const rebuild = record?.meta.rebuild as
      { position: number | null; eventsPerSecond: number | null } | null | undefined;
    if (record?.meta.status === 'failed') {
      bar.finish(`failed: ${record.meta.lastError}`);
      return false;
    }
    if (record && record.activeGeneration !== generation && !record.meta.rebuilding) {
      bar.finish(
        `rebuilt as generation ${record.activeGeneration}`,
        (await events.headPosition()) ?? undefined,
      );
      return true;
    }
    bar.update(rebuild?.position ?? 0, (await events.headPosition()) ?? 0, rebuild?.eventsPerSecond ?? null);
  }
  bar.finish('timed out');
  return false;
}
