import type { DocKey, ProjectionWrite } from '../runtime/projection.js';

// The lengths of a pipeline's completed visits, one document per UTC day of exit: what a stage's
// usual duration is learned from (stuck deals' thresholds read a year of them). A year is then
// 365 small documents instead of thousands of visits, with the durations worked out already, and
// each visit a tuple of two names and two small numbers: a third of the bytes of a visit object to
// store and to parse, and no string made per visit for its time.

/** One completed visit: its stage, owner at exit, when that day it ended and how long it lasted. */
export type VisitDuration = readonly [
  stageId: string,
  ownerId: string,
  /** milliseconds since the day's 00:00Z */
  exitMsOfDay: number,
  durationMs: number,
];

export type VisitDurationsDoc = {
  pipelineId: string;
  /** YYYY-MM-DD (UTC) of every visit's exit */
  day: string;
  /** in (exitMsOfDay, stageId, ownerId, durationMs) order, whatever order their events came in */
  visits: VisitDuration[];
};

/** A completed visit as its ending event tells it. */
export type EndedVisit = { stageId: string; ownerId: string; enteredAt: string; exitedAt: string };

export const VISIT_DURATIONS = 'visit-durations';

export const visitDurationsKey = (pipelineId: string, exitedAt: string): DocKey => ({
  collection: VISIT_DURATIONS,
  id: `${pipelineId}:${exitedAt.slice(0, 10)}`,
});

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: VisitDuration, b: VisitDuration) =>
  compare(a[2], b[2]) || compare(a[0], b[0]) || compare(a[1], b[1]) || compare(a[3], b[3]);

// 00:00Z of a UTC day (YYYY-MM-DD), in milliseconds since the epoch.
const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

// The day's document with one more visit. Adding visits commutes, so a backdated exit, applied to
// every later version of its day, gives each the document a replay would.
export function addVisitDuration(
  current: VisitDurationsDoc | null,
  pipelineId: string,
  { stageId, ownerId, enteredAt, exitedAt }: EndedVisit,
): ProjectionWrite {
  const { id } = visitDurationsKey(pipelineId, exitedAt);
  const day = exitedAt.slice(0, 10);
  const exit = Date.parse(exitedAt);
  const visit: VisitDuration = [stageId, ownerId, exit - dayStartMs(day), exit - Date.parse(enteredAt)];
  const doc: VisitDurationsDoc = { pipelineId, day, visits: [...(current?.visits ?? []), visit].sort(order) };
  return { op: 'put', collection: VISIT_DURATIONS, id, doc };
}
