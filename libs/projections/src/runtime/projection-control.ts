import type { GenerationRef } from '@sales/read-store';
import type { GenerationDiff } from './generation-diff.js';
import type { ProjectionInfo, PromoteMode } from './projection-status.js';

/** Which generation of a projection a read wants: the serving one, or the candidate beside it. */
export type GenerationChoice = 'serving' | 'candidate';

export type CandidateRef = GenerationRef & { caughtUp: boolean };

// What the query side needs of the projections, whether they run in this process
// (ProjectionEngine) or in a projector worker (RemoteProjections, through the registry).
export interface ProjectionControl {
  list(): Promise<ProjectionInfo[]>;
  info(name: string): Promise<ProjectionInfo>;
  rebuild(name: string, promote?: PromoteMode): Promise<ProjectionInfo>;
  /** Swaps the candidate in at once (it must have caught up). */
  promote(name: string): Promise<ProjectionInfo>;
  dropCandidate(name: string): Promise<ProjectionInfo>;
  /** The serving documents of the candidate against the serving generation's. */
  diff(name: string): Promise<GenerationDiff>;
  /** `fresh`: ask the registry now (after a read found its generation dropped). */
  servingRef(name: string, fresh?: boolean): Promise<GenerationRef | null>;
  /** The candidate generation built with promote=manual, null when there is none. */
  candidateRef(name: string, fresh?: boolean): Promise<CandidateRef | null>;
  waitFor(position: number, names: string[], timeoutMs: number, generation?: GenerationChoice): Promise<boolean>;
}

export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTION_NOT_FOUND';
}

export type CandidateErrorCode =
  | 'NO_CANDIDATE'
  | 'CANDIDATE_NOT_CAUGHT_UP'
  | 'CANDIDATE_EXISTS'
  | 'CANDIDATE_REQUEST_PENDING';

// A candidate action the projection's state does not allow (none to promote, one not caught up
// yet, a plain rebuild while one waits), or one the process running it has not carried out in time.
export class CandidateError extends Error {
  constructor(
    readonly code: CandidateErrorCode,
    message: string,
  ) {
    super(message);
  }
}
