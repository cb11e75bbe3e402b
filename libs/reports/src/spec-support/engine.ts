import type { EventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import type { ReadStore } from '@sales/read-store';

/** Every projection caught up with the log as it is now, in `store`. */
export async function caughtUpEngine(events: EventStore, store: ReadStore): Promise<ProjectionEngine> {
  const head = await events.headPosition();
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, store);
  await engine.start();
  // An empty log (nothing recorded by a knownAt) has no position to wait for.
  if (
    head !== null &&
    !(await engine.waitFor(
      head,
      ALL_PROJECTIONS.map((p) => p.name),
      10_000,
    ))
  ) {
    await engine.stop();
    throw new Error('projections did not catch up');
  }
  return engine;
}
