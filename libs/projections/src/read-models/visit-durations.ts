import type { ProjectionWrite } from '../runtime/projection.js';

// A completed visit's length, beside the visit under the same id: what a stage's usual duration is
// learned from (stuck deals' thresholds read a year of them). The fields that reading needs and no
// others, with the duration worked out: a third of a visit document's bytes to read and parse.
// Written once, when the visit ends, and never changed: nothing to keep versions of.

/** A completed visit: its stage, owner at exit, when it ended and how long it lasted. */
export type VisitDurationDoc = {
  pipelineId: string;
  stageId: string;
  ownerId: string;
  exitedAt: string;
  /** exitedAt − enteredAt, in milliseconds */
  durationMs: number;
};

/** A completed visit as the event that ends it tells it. */
export type EndedVisit = {
  pipelineId: string;
  stageId: string;
  ownerId: string;
  enteredAt: string;
  exitedAt: string;
};

export const VISIT_DURATIONS = 'visit-durations';

export function visitDuration(id: string, { enteredAt, ...visit }: EndedVisit): ProjectionWrite {
  const doc: VisitDurationDoc = { ...visit, durationMs: Date.parse(visit.exitedAt) - Date.parse(enteredAt) };
  return { op: 'put', collection: VISIT_DURATIONS, id, doc };
}
