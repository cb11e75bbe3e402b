export type ProjectionStatus = 'live' | 'rebuilding' | 'failed';

/** `auto`: swapped in once caught up (blue/green); `manual`: a candidate kept live beside the serving one until promoted or dropped. */
export type PromoteMode = 'auto' | 'manual';

export type RebuildInfo = {
  generation: number;
  position: number | null;
  eventsPerSecond: number | null;
  promote: PromoteMode;
  /** Has reached the head of the log once (a candidate can then be read, compared and promoted). */
  caughtUp: boolean;
};

export type ProjectionInfo = {
  name: string;
  version: number;
  status: ProjectionStatus;
  generation: number | null;
  position: number | null;
  lag: number | null;
  lastError: string | null;
  rebuild: RebuildInfo | null;
};
