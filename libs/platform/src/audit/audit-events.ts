// The engine's own audit trail: one stream per UTC day of recording, chained like every stream.
export const AUDIT_STREAM_PREFIX = 'audit-';
export const auditStream = (recordedAt: string) => `${AUDIT_STREAM_PREFIX}${recordedAt.slice(0, 10)}`;

export type AuditEventType =
  | 'AccessDenied'
  | 'AccessDeniedSuppressed'
  | 'ProjectionRebuildRequested'
  | 'ProjectionCandidateRequested'
  | 'ProjectionCandidatePromoted'
  | 'ProjectionCandidateDropped'
  | 'ApiKeyCreated'
  | 'AuditEventsDropped';

/** A refused request (401/403). `principal` is the key's name, null when no valid key was shown. */
export type AccessDenied = {
  principal: string | null;
  actorId: string | null;
  method: string;
  path: string;
  status: number;
  reason: string;
  ip: string;
};

/** What a flood of refusals past the per-key limit amounted to, once its minute is over. */
export type AccessDeniedSuppressed = {
  key: string;
  principal: string | null;
  ip: string | null;
  count: number;
  from: string;
  to: string;
  lastPath: string;
  lastStatus: number;
};

export type AuditEntry = {
  type: AuditEventType;
  data: Record<string, unknown>;
  principal: string | null;
  actorId: string | null;
  correlationId?: string | null;
};
