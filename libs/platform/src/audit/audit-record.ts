import { envelope, type NewEvent, systemContext } from '@sales/event-store';
import { type AuditEntry, auditStream } from './audit-events.js';

/** An audit entry as the event that records it, and the stream (the day's) it goes to. */
export function auditRecord(entry: AuditEntry, now: Date): { stream: string; event: NewEvent } {
  const recordedAt = now.toISOString();
  const context = systemContext(now, {
    principal: entry.principal ?? 'anonymous',
    actorId: entry.actorId,
    correlationId: entry.correlationId,
  });
  const event = envelope({ type: entry.type, data: { occurredAt: recordedAt, ...entry.data } }, context);
  return { stream: auditStream(recordedAt), event };
}
