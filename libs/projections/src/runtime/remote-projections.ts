import type { EventStore } from '@sales/event-store';
import type { GenerationRef, LeaseState, ProjectionRecord, ReadStore } from '@sales/read-store';
import { liveHolder, noHolderMessage } from './lease-status.js';
import type { Projection } from './projection.js';
import { type ProjectionControl, UnknownProjectionError } from './projection-control.js';
import type { ProjectionInfo, ProjectionStatus } from './projection-status.js';

const REGISTRY_TTL_MS = 500;

// The projections as seen from a process that does not run them: everything comes from the read
// store's registry, which the engine holding each projection's lease keeps current (position,
// errors), and its lease, which says whether any engine holds it at all.
export class RemoteProjections implements ProjectionControl {
  private registry: { at: number; records: Promise<ProjectionRecord[]> } | null = null;

  constructor(
    private readonly projections: Projection[],
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
  ) {}

  async list(): Promise<ProjectionInfo[]> {
    const [records, leases, head] = await Promise.all([
      this.records(true),
      this.readStore.leases(),
      this.events.headPosition(),
    ]);
    return this.projections.map((p) =>
      this.toInfo(
        p,
        records.find((r) => r.projection === p.name),
        liveHolder(leases, p.name),
        head,
      ),
    );
  }

  async info(name: string): Promise<ProjectionInfo> {
    const info = (await this.list()).find((p) => p.name === name);
    if (!info) throw new UnknownProjectionError(`no projection named ${name}`);
    return info;
  }

  async rebuild(name: string): Promise<ProjectionInfo> {
    await this.info(name);
    await this.readStore.updateMeta(name, { rebuildRequestedAt: new Date().toISOString() });
    return this.info(name);
  }

  async servingRef(name: string, fresh = false): Promise<GenerationRef | null> {
    const generation = (await this.records(fresh)).find((r) => r.projection === name)?.activeGeneration;
    return generation == null ? null : { projection: name, generation };
  }

  async waitFor(position: number, names: string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      for (;;) {
        const ref = await this.servingRef(name);
        const reached = ref ? await this.readStore.checkpoint(ref) : null;
        if (reached !== null && reached >= position) break;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
        this.registry = null;
      }
    }
    return true;
  }

  private records(fresh: boolean): Promise<ProjectionRecord[]> {
    if (fresh || !this.registry || Date.now() - this.registry.at > REGISTRY_TTL_MS) {
      this.registry = { at: Date.now(), records: this.readStore.projections() };
    }
    return this.registry.records;
  }

  private toInfo(
    projection: Projection,
    record: ProjectionRecord | undefined,
    holder: LeaseState | null,
    head: number | null,
  ): ProjectionInfo {
    const meta = record?.meta ?? {};
    const alive = holder !== null;
    const position = (meta.position as number | null | undefined) ?? null;
    return {
      name: projection.name,
      version: projection.version,
      status: alive ? ((meta.status as ProjectionStatus | undefined) ?? 'rebuilding') : 'failed',
      generation: record?.activeGeneration ?? null,
      position,
      lag: head === null ? 0 : head - (position ?? 0),
      lastError: alive
        ? ((meta.lastError as string | null | undefined) ?? null)
        : noHolderMessage(projection.name),
      rebuild: (meta.rebuild as ProjectionInfo['rebuild'] | undefined) ?? null,
    };
  }
}
