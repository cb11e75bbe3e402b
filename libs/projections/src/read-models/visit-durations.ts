import type { DocKey, ProjectionWrite } from '../runtime/projection.js';

// The lengths of a pipeline's completed visits, one document per UTC day of exit: what a stage's
// usual duration is learned from (stuck deals' thresholds read a year of them). A year is then
// 365 small documents instead of thousands of visits, with the durations worked out already, and
// each visit a tuple: half the bytes of an object to store and to parse.

/** One completed visit: its stage, owner at exit, when it ended and how long it lasted. */
export type VisitDuration = readonly [stageId: string, ownerId: string, exitedAt: string, durationMs: number];

export type VisitDurationsDoc = {
  pipelineId: string;
  /** YYYY-MM-DD (UTC) of every visit's exitedAt */
  day: string;
  /** in (exitedAt, stageId, ownerId, durationMs) order, whatever order their events came in */
  visits: VisitDuration[];
};

export const VISIT_DURATIONS = 'visit-durations';

export const visitDurationsKey = (pipelineId: string, exitedAt: string): DocKey => ({
  collection: VISIT_DURATIONS,
  id: `${pipelineId}:${exitedAt.slice(0, 10)}`,
});

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: VisitDuration, b: VisitDuration) =>
  compare(a[2], b[2]) || compare(a[0], b[0]) || compare(a[1], b[1]) || compare(a[3], b[3]);

// The day's document with one more visit. Adding visits commutes, so a backdated exit, applied to
// every later version of its day, gives each the document a replay would.
export function addVisitDuration(
  current: VisitDurationsDoc | null,
  pipelineId: string,
  visit: VisitDuration,
): ProjectionWrite {
  const [, , exitedAt] = visit;
  const { id } = visitDurationsKey(pipelineId, exitedAt);
  const visits = [...(current?.visits ?? []), visit].sort(order);
  const doc: VisitDurationsDoc = { pipelineId, day: exitedAt.slice(0, 10), visits };
  return { op: 'put', collection: VISIT_DURATIONS, id, doc };
}
