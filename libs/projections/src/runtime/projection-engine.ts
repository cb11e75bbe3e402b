import type { EventStore } from '@sales/event-store';
import type { GenerationRef, ReadStore } from '@sales/read-store';
import { sharedPageReader } from './page-reader.js';
import type { Projection } from './projection.js';
import type { ProjectionControl } from './projection-control.js';
import { ProjectionRunner, RunnerOptions } from './projection-runner.js';
import type { ProjectionInfo } from './projection-status.js';

export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTION_NOT_FOUND';
}

const HEARTBEAT_MS = 1000;

// Runs every projection in this process and publishes their state (position, status, errors) in
// the read store's registry, where other processes (the API beside a projector worker, the CLI)
// read it. A rebuild asked for in the registry by another process is picked up here.
export class ProjectionEngine implements ProjectionControl {
  private readonly runners: Map<string, ProjectionRunner>;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly handledRequests = new Map<string, unknown>();

  constructor(
    projections: Projection[],
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    options: RunnerOptions = {},
  ) {
    // One page reader for all: projections catching up together parse each page once.
    const shared = { readPage: sharedPageReader(events), ...options };
    this.runners = new Map(
      projections.map((p) => [p.name, new ProjectionRunner(p, events, readStore, shared)]),
    );
  }

  async start(): Promise<void> {
    const records = await this.readStore.projections();
    for (const record of records)
      this.handledRequests.set(record.projection, record.meta.rebuildRequestedAt ?? null);
    for (const runner of this.runners.values()) await runner.start();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await this.beat().catch(() => undefined);
  }

  async list(): Promise<ProjectionInfo[]> {
    const head = await this.events.headPosition();
    return [...this.runners.values()].map((r) => r.info(head));
  }

  async info(name: string): Promise<ProjectionInfo> {
    return this.runner(name).info(await this.events.headPosition());
  }

  async rebuild(name: string): Promise<ProjectionInfo> {
    this.runner(name).rebuild();
    return this.info(name);
  }

  serving(name: string): GenerationRef | null {
    return this.runner(name).serving;
  }

  async servingRef(name: string): Promise<GenerationRef | null> {
    return this.serving(name);
  }

  /** Waits until every named projection has applied `position`; false after `timeoutMs`. */
  async waitFor(position: number, names: string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      if (!(await this.runner(name).waitFor(position, Math.max(0, deadline - Date.now())))) return false;
    }
    return true;
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new UnknownProjectionError(`no projection named ${name}`);
    return runner;
  }

  private async beat(): Promise<void> {
    const head = await this.events.headPosition();
    const records = await this.readStore.projections();
    for (const runner of this.runners.values()) {
      const record = records.find((r) => r.projection === runner.name);
      const requested = record?.meta.rebuildRequestedAt ?? null;
      if (requested !== null && requested !== this.handledRequests.get(runner.name)) {
        this.handledRequests.set(runner.name, requested);
        runner.rebuild();
      }
      const info = runner.info(head);
      await this.readStore.updateMeta(runner.name, {
        heartbeatAt: new Date().toISOString(),
        status: info.status,
        position: info.position,
        lastError: info.lastError,
        rebuild: info.rebuild,
      });
    }
  }
}
