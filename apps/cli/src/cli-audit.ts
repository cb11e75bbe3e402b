import { userInfo } from 'node:os';
import type { EventStore } from '@sales/event-store';
import { type AuditEventType, auditRecord } from '@sales/platform';

// The CLI has no API key: what it changes about how the engine runs is recorded in the audit trail
// under the operating-system user who ran it, as `cli:<user>`, like the same request over HTTP.
function cliPrincipal(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export async function recordProjectionAction(
  events: EventStore,
  type: Extract<AuditEventType, `Projection${string}`>,
  projection: string,
): Promise<void> {
  const { stream, event } = auditRecord(
    { type, data: { projection }, principal: cliPrincipal(), actorId: null },
    new Date(),
  );
  await events.append(stream, [event], 'any');
}
