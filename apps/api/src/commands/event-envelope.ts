import { randomUUID } from 'node:crypto';
import { NewEvent } from '@sales/event-store';
import { CommandContext } from './command-context.js';

export const CURRENT_SCHEMA_VERSION = 1;

export type DomainEventLike = { type: string; data: object };

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
