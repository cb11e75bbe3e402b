import type { EventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, liveHolder, ProjectionEngine } from '@sales/projections';
import type { GenerationRef, ReadStore } from '@sales/read-store';
import type { LiveReadModels } from '@sales/query';

const WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The live read models for a report run from the command line, caught up with the log as it is
// when the report starts: those of the process that runs the projections (API or projector
// worker) when one is running, else this process catches them up itself with the same engine.
export class CliReadModels implements LiveReadModels {
  private engine: ProjectionEngine | null = null;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly events: EventStore,
    readonly store: ReadStore,
  ) {}

  async serving(projection: string, minPosition: number | null): Promise<GenerationRef> {
    this.ready ??= this.catchUp(minPosition);
    await this.ready;
    if (this.engine) return (await this.engine.servingRef(projection)) as GenerationRef;
    const record = (await this.store.projections()).find((r) => r.projection === projection);
    return { projection, generation: record?.activeGeneration as number };
  }

  async stop(): Promise<void> {
    await this.engine?.stop();
  }

  private async catchUp(minPosition: number | null): Promise<void> {
    // An empty log (-1) has nothing to catch up with: no position is ever applied to wait for.
    const target = Math.max((await this.events.headPosition()) ?? -1, minPosition ?? -1);
    const names = ALL_PROJECTIONS.map((p) => p.name);
    const leases = await this.store.leases();
    if (names.every((name) => liveHolder(leases, name))) {
      for (const deadline = Date.now() + WAIT_MS; ; await sleep(100)) {
        const now = await this.store.projections();
        if (
          names.every(
            (name) => ((now.find((r) => r.projection === name)?.meta.position as number) ?? -1) >= target,
          )
        )
          return;
        if (Date.now() > deadline)
          throw new Error(`the running projections have not reached position ${target} within 10 s`);
      }
    }
    this.engine = new ProjectionEngine(ALL_PROJECTIONS, this.events, this.store);
    await this.engine.start();
    const started = Date.now();
    while (!(await this.engine.waitFor(target, names, 2000))) {
      const head = (await this.events.headPosition()) ?? 0;
      if (target > head && Date.now() - started > WAIT_MS)
        throw new Error(`position ${target} is not in the log (its head is ${head})`);
      process.stderr.write(
        `\rcatching up the read models to position ${target}… ${Math.round((Date.now() - started) / 1000)} s`,
      );
    }
    if (Date.now() - started > 2000) process.stderr.write('\n');
  }
}
