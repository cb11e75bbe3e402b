import type { EventStore } from '@sales/event-store';
import type { GenerationRef, LeaseState, ProjectionRecord, ReadStore } from '@sales/read-store';
import { liveHolder, noHolderMessage } from './lease-status.js';
import { diffGenerations, type GenerationDiff } from './generation-diff.js';
import type { Projection } from './projection.js';
import {
  CandidateError,
  type CandidateRef,
  type GenerationChoice,
  type ProjectionControl,
  UnknownProjectionError,
} from './projection-control.js';
import type { ProjectionInfo, ProjectionStatus, PromoteMode, RebuildInfo } from './projection-status.js';

const REGISTRY_TTL_MS = 500;
/** How long a promote or a drop asked of the process running the projection is waited for. */
const CARRIED_OUT_MS = 10_000;

/** The candidate as the registry shows it: a manual rebuild of another generation than the serving one. */
export function candidateOf(record: ProjectionRecord | undefined): CandidateRef | null {
  const rebuild = record?.meta.rebuild as Partial<RebuildInfo> | null | undefined;
  if (!record || rebuild?.promote !== 'manual' || typeof rebuild.generation !== 'number') return null;
  if (rebuild.generation === record.activeGeneration) return null;
  return { projection: record.projection, generation: rebuild.generation, caughtUp: rebuild.caughtUp === true };
}

// The projections as seen from a process that does not run them: everything comes from the read
// store's registry, which the engine holding each projection's lease keeps current (position,
// errors), and its lease, which says whether any engine holds it at all. Rebuilds, promotions and
// drops are asked of that engine through the registry (`<action>RequestedAt`, accepted once).
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

  async rebuild(name: string, promote: PromoteMode = 'auto'): Promise<ProjectionInfo> {
    await this.info(name);
    const candidate = await this.candidateRef(name, true);
    if (candidate && promote === 'auto')
      throw new CandidateError(
        'CANDIDATE_EXISTS',
        `${name} has a candidate (generation ${candidate.generation}): promote or drop it first`,
      );
    await this.readStore.updateMeta(name, {
      rebuildRequestedAt: new Date().toISOString(),
      rebuildPromote: promote,
    });
    return this.info(name);
  }

  async promote(name: string): Promise<ProjectionInfo> {
    const candidate = await this.existingCandidate(name);
    if (!candidate.caughtUp)
      throw new CandidateError(
        'CANDIDATE_NOT_CAUGHT_UP',
        `the candidate of ${name} (generation ${candidate.generation}) has not caught up with the log yet`,
      );
    await this.readStore.updateMeta(name, { promoteRequestedAt: new Date().toISOString() });
    await this.carriedOut(name, 'promoted', (record) => record?.activeGeneration === candidate.generation);
    return this.info(name);
  }

  async dropCandidate(name: string): Promise<ProjectionInfo> {
    const candidate = await this.existingCandidate(name);
    await this.readStore.updateMeta(name, { dropRequestedAt: new Date().toISOString() });
    await this.carriedOut(name, 'dropped', (record) => candidateOf(record)?.generation !== candidate.generation);
    return this.info(name);
  }

  async diff(name: string): Promise<GenerationDiff> {
    const candidate = await this.existingCandidate(name);
    const serving = await this.servingRef(name, true);
    return diffOf(this.readStore, this.projection(name), serving, candidate);
  }

  async servingRef(name: string, fresh = false): Promise<GenerationRef | null> {
    const generation = (await this.records(fresh)).find((r) => r.projection === name)?.activeGeneration;
    return generation == null ? null : { projection: name, generation };
  }

  async candidateRef(name: string, fresh = false): Promise<CandidateRef | null> {
    return candidateOf((await this.records(fresh)).find((r) => r.projection === name));
  }

  async waitFor(
    position: number,
    names: string[],
    timeoutMs: number,
    generation: GenerationChoice = 'serving',
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      for (;;) {
        const ref = (generation === 'candidate' && (await this.candidateRef(name))) || (await this.servingRef(name));
        const reached = ref ? await this.readStore.checkpoint(ref) : null;
        if (reached !== null && reached >= position) break;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
        this.registry = null;
      }
    }
    return true;
  }

  private projection(name: string): Projection {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new UnknownProjectionError(`no projection named ${name}`);
    return projection;
  }

  private async existingCandidate(name: string): Promise<CandidateRef> {
    this.projection(name);
    const candidate = await this.candidateRef(name, true);
    if (!candidate) throw new CandidateError('NO_CANDIDATE', `${name} has no candidate`);
    return candidate;
  }

  private async carriedOut(
    name: string,
    done: string,
    check: (record: ProjectionRecord | undefined) => boolean,
  ): Promise<void> {
    for (const deadline = Date.now() + CARRIED_OUT_MS; ; await new Promise((r) => setTimeout(r, 50))) {
      if (check((await this.records(true)).find((r) => r.projection === name))) return;
      if (Date.now() > deadline)
        throw new CandidateError(
          'CANDIDATE_REQUEST_PENDING',
          `the candidate of ${name} is not ${done} yet: the process running it has not carried the request out within 10 s`,
        );
    }
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

/** The diff of a candidate against the serving generation; it must have caught up with the log. */
export async function diffOf(
  store: ReadStore,
  projection: Projection,
  serving: GenerationRef | null,
  candidate: CandidateRef,
): Promise<GenerationDiff> {
  if (!candidate.caughtUp || !serving)
    throw new CandidateError(
      'CANDIDATE_NOT_CAUGHT_UP',
      `the candidate of ${projection.name} (generation ${candidate.generation}) has not caught up with the log yet`,
    );
  return diffGenerations(store, projection, serving, { projection: candidate.projection, generation: candidate.generation });
}
