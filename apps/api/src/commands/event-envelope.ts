import { randomUUID } from 'node:crypto';
import { NewEvent } from '@sales/event-store';
import { CommandContext } from './command-context.js';

export const CURRENT_SCHEMA_VERSION = 1;

export type DomainEventLike = { type: string; data: object };

// What the engine records on its own behalf (the default pipeline, the audit trail): no request,
// so the command starts its own correlation.
export function systemContext(
  now: Date,
  who: { principal?: string | null; actorId?: string | null; correlationId?: string | null } = {},
): CommandContext {
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
export function envelope(event: DomainEventLike, context: CommandContext): NewEvent {
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
