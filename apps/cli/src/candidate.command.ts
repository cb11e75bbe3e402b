import { recordProjectionAction } from './cli-audit.js';
import type { EventStore } from '@sales/event-store';
import {
  ALL_PROJECTIONS,
  CandidateError,
  type GenerationDiff,
  ProjectionEngine,
  RemoteProjections,
} from '@sales/projections';
import type { ReadStore } from '@sales/read-store';

// The candidate generation of a projection (built by a rebuild with promote=manual), as the
// HTTP API has it: compared with the serving one, promoted, or dropped. A CandidateError (none to
// act on, a request the holder has not carried out) is said on stderr and exits 1.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refused(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CandidateError)) throw error;
    console.error(`${error.code}: ${error.message}`);
    return 1;
  }
}

// The registry shows the candidate as the engine holding the lease last published it: at once
// when a candidate starts, catches up, is promoted or dropped, else every second. A candidate that
// caught up a moment ago may still be on its way there: that is waited for a little.
const REGISTRY_SETTLES_MS = 1500;

async function fromRegistry<T>(read: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + REGISTRY_SETTLES_MS;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      const settling =
        error instanceof CandidateError && ['NO_CANDIDATE', 'CANDIDATE_NOT_CAUGHT_UP'].includes(error.code);
      if (!settling || Date.now() >= deadline) throw error;
      await sleep(250);
    }
  }
}

/** The candidate's serving documents against the serving generation's, from the registry alone. */
export function candidateDiff(
  events: EventStore,
  reads: ReadStore,
  name: string,
  json: boolean,
): Promise<number> {
  return refused(async () => {
    const diff = await fromRegistry(() => new RemoteProjections(ALL_PROJECTIONS, events, reads).diff(name));
    if (json) console.log(JSON.stringify(diff, null, 2));
    else printDiff(name, diff);
    return 0;
  });
}

function printDiff(name: string, diff: GenerationDiff): void {
  const { added, removed, changed, unchanged } = diff.documents;
  console.log(
    `${name}: candidate generation ${diff.candidate} against serving generation ${diff.serving}: ` +
      `${added} added, ${removed} removed, ${changed} changed, ${unchanged} unchanged`,
  );
  for (const sample of diff.samples) {
    const how = sample.serving === null ? 'added' : sample.candidate === null ? 'removed' : 'changed';
    console.log(`  ${how} ${sample.key}`);
  }
}

// Promotion and drop are carried out by the engine that holds the projection's lease: this
// process takes it when nobody holds it (as a rebuild does), else asks the holder through the
// registry.
async function withEngine(
  events: EventStore,
  reads: ReadStore,
  name: string,
  work: (engine: ProjectionEngine) => Promise<number>,
): Promise<number> {
  const engine = new ProjectionEngine(
    ALL_PROJECTIONS.filter((p) => p.name === name),
    events,
    reads,
    { log: (line) => console.error(line) },
  );
  await engine.start();
  try {
    return await refused(() => work(engine));
  } finally {
    await engine.stop();
  }
}

/** Swaps the candidate in, once it has caught up with the log. */
export function candidatePromote(events: EventStore, reads: ReadStore, name: string): Promise<number> {
  return withEngine(events, reads, name, async (engine) => {
    let ref = await engine.candidateRef(name, true);
    if (ref && !ref.caughtUp)
      console.error(`${name}: waiting for the candidate (generation ${ref.generation}) to catch up`);
    while (ref && !ref.caughtUp) {
      await sleep(250);
      ref = await engine.candidateRef(name, true);
    }
    const info = await engine.promote(name);
    await recordProjectionAction(events, 'ProjectionCandidatePromoted', name);
    console.log(`${name}: promoted; generation ${info.generation} serves, at position ${info.position}`);
    return 0;
  });
}

/** Stops the candidate and drops its generation; the serving one stays. */
export function candidateDrop(events: EventStore, reads: ReadStore, name: string): Promise<number> {
  return withEngine(events, reads, name, async (engine) => {
    const info = await engine.dropCandidate(name);
    await recordProjectionAction(events, 'ProjectionCandidateDropped', name);
    console.log(`${name}: candidate dropped; generation ${info.generation} serves`);
    return 0;
  });
}
