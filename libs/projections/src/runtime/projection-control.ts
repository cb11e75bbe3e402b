import type { GenerationRef } from '@sales/read-store';
import type { ProjectionInfo } from './projection-status.js';

// What the query side needs of the projections, whether they run in this process
// (ProjectionEngine) or in a projector worker (RemoteProjections, through the registry).
export interface ProjectionControl {
  list(): Promise<ProjectionInfo[]>;
  info(name: string): Promise<ProjectionInfo>;
  rebuild(name: string): Promise<ProjectionInfo>;
  /** `fresh`: ask the registry now (after a read found its generation dropped). */
  servingRef(name: string, fresh?: boolean): Promise<GenerationRef | null>;
  waitFor(position: number, names: string[], timeoutMs: number): Promise<boolean>;
}

export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTION_NOT_FOUND';
}
