export * from './runtime/projection.js';
export * from './runtime/projection-status.js';
export { ProjectionEngine, type EngineOptions } from './runtime/projection-engine.js';
export { UnknownProjectionError } from './runtime/projection-control.js';
export { ProjectionRunner } from './runtime/projection-runner.js';
export type { ProjectionControl } from './runtime/projection-control.js';
export { RemoteProjections } from './runtime/remote-projections.js';
export { liveHolder, noHolderMessage } from './runtime/lease-status.js';
export { applyBatch, type BatchDocs, PoisonEventError } from './runtime/apply-batch.js';
export * from './read-models/define-projection.js';
export * from './read-models/deal-move.js';
export * from './read-models/deals.projection.js';
export * from './read-models/leads.projection.js';
export * from './read-models/reference.projection.js';
export { ALL_PROJECTIONS } from './read-models/all-projections.js';
export * from './read-models/stage-visits.projection.js';
export * from './read-models/visit-durations.js';
export * from './read-models/stage-outcomes.projection.js';
export * from './read-models/accounts.projection.js';
export * from './read-models/activities.projection.js';
export * from './read-models/deal-changes.projection.js';
export { Replay, replay } from './runtime/replay.js';
export { selfCutOf, TimeCutReads, type DocReader, type SelfCutOf, type TimeCut } from './temporal/time-cut-reads.js';
export {
  BOOKKEEPING,
  FOREVER,
  isVersions,
  storedCollections,
  storedIndexes,
  versionsOf,
  versionState,
  type VersionRow,
} from './temporal/version-fields.js';
export {
  CandidateError,
  type CandidateErrorCode,
  type CandidateRef,
  type GenerationChoice,
} from './runtime/projection-control.js';
export { diffGenerations, type DiffSample, type GenerationDiff, MAX_SAMPLES } from './runtime/generation-diff.js';
