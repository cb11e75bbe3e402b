import type { DocKey, DocState, ProjectionWrite } from '../runtime/projection.js';

// The lengths of a pipeline's completed visits, one document per UTC day of exit: what a stage's
// usual duration is learned from (stuck deals' thresholds read a year of them). A year is then
// 365 small documents instead of thousands of visits, with the durations worked out already, and
// each visit a tuple of two names and three numbers: a third of the bytes of a visit object to
// store and to parse, and no string made per visit for its times.
//
// Each visit carries its exit and when its event was recorded, so a day's document says itself
// what it held at any time cut (visitDurationsAt), and the runtime keeps no versions of it: a
// version per exit would copy the whole day each time, growing with the square of a day's exits.

/** One completed visit: its stage, owner at exit, when that day it ended, its length, when that was recorded. */
export type VisitDuration = readonly [
  stageId: string,
  ownerId: string,
  /** milliseconds since the day's 00:00Z */
  exitMsOfDay: number,
  durationMs: number,
  /** when the event that ended it was recorded, in milliseconds since the epoch */
  recordedMs: number,
];

export type VisitDurationsDoc = {
  pipelineId: string;
  /** YYYY-MM-DD (UTC) of every visit's exit */
  day: string;
  /** in (exitMsOfDay, stageId, ownerId, durationMs, recordedMs) order, whatever order their events came in */
  visits: VisitDuration[];
};

/** A completed visit as the event that ends it tells it. */
export type EndedVisit = {
  stageId: string;
  ownerId: string;
  enteredAt: string;
  exitedAt: string;
  recordedAt: string;
};

export const VISIT_DURATIONS = 'visit-durations';

export const visitDurationsKey = (pipelineId: string, exitedAt: string): DocKey => ({
  collection: VISIT_DURATIONS,
  id: `${pipelineId}:${exitedAt.slice(0, 10)}`,
});

// 00:00Z of a UTC day (YYYY-MM-DD), in milliseconds since the epoch.
const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: VisitDuration, b: VisitDuration) =>
  compare(a[2], b[2]) ||
  compare(a[0], b[0]) ||
  compare(a[1], b[1]) ||
  compare(a[3], b[3]) ||
  compare(a[4], b[4]);

// The day's document with one more visit, in its place: adding visits commutes, so the document
// does not depend on the order their events were recorded in.
export function addVisitDuration(
  current: VisitDurationsDoc | null,
  pipelineId: string,
  { stageId, ownerId, enteredAt, exitedAt, recordedAt }: EndedVisit,
): ProjectionWrite {
  const { id } = visitDurationsKey(pipelineId, exitedAt);
  const day = exitedAt.slice(0, 10);
  const exit = Date.parse(exitedAt);
  const visit: VisitDuration = [
    stageId,
    ownerId,
    exit - dayStartMs(day),
    exit - Date.parse(enteredAt),
    Date.parse(recordedAt),
  ];
  const visits = [...(current?.visits ?? [])];
  let at = visits.length;
  while (at > 0 && order(visits[at - 1], visit) > 0) at--;
  visits.splice(at, 0, visit);
  const doc: VisitDurationsDoc = { pipelineId, day, visits };
  return { op: 'put', collection: VISIT_DURATIONS, id, doc };
}

// A day's document at a time cut: the visits that had ended by asOf, as recorded by knownAt; none
// before its first (a replay of the events in the cut would not have made it).
export function visitDurationsAt(
  doc: DocState,
  cut: { asOf: string; knownAt: string | null },
): DocState | null {
  const day = doc as VisitDurationsDoc;
  const until = Date.parse(cut.asOf) - dayStartMs(day.day);
  const known = cut.knownAt === null ? Infinity : Date.parse(cut.knownAt);
  const visits = day.visits.filter(
    ([, , exitMsOfDay, , recordedMs]) => exitMsOfDay <= until && recordedMs <= known,
  );
  if (visits.length === day.visits.length) return doc;
  return visits.length === 0 ? null : { ...doc, visits };
}
