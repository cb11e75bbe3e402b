import type { ProjectionControl } from '@sales/projections';

export type ControlCall = keyof ProjectionControl;

// API → projection thread: a ProjectionControl call, word of an append, or stop.
export type ThreadRequest =
  { id: number; call: ControlCall; args: unknown[] } | { appended: true } | { stop: true };

// Projection thread → API.
export type ThreadReply =
  | { started: true }
  | { failed: string }
  | { id: number; result: unknown }
  | { id: number; error: { message: string; code?: string } }
  | { stopped: true };
