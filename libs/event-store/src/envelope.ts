import { randomUUID } from 'node:crypto';
import type { NewEvent } from './event-store.port.js';

/** Who records an event and under which command: what its metadata says besides the event. */
export type EnvelopeContext = {
  commandId: string;
  correlationId: string;
  causationId: string;
  principal: string;
  actorId: string | null;
  now: Date;
};

export const CURRENT_SCHEMA_VERSION = 1;

export type DomainEventLike = { type: string; data: object };

// What the engine records on its own behalf (the default pipeline, the audit trail): no request,
// so the command starts its own correlation.
export function systemContext(
  now: Date,
  who: { principal?: string | null; actorId?: string | null; correlationId?: string | null } = {},
): EnvelopeContext & { expectedVersion: null; resumed: false } {
  const commandId = randomUUID();
  const correlationId = who.correlationId ?? commandId;
  return {
    commandId,
    correlationId,
    causationId: correlationId,
    principal: who.principal ?? 'system',
    actorId: who.actorId ?? null,
    expectedVersion: null,
    resumed: false,
    now,
  };
}

// The one place an event gets its metadata.
export function envelope(event: DomainEventLike, context: EnvelopeContext): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      recordedAt: context.now.toISOString(),
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actorId: context.actorId,
      principal: context.principal,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    },
  };
}
