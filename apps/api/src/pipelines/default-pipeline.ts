import { randomUUID } from 'node:crypto';
import { defaultPipelineEvent, pipelineStream, DEFAULT_PIPELINE_ID } from '@sales/domain';
import { EventStore, VersionConflictError } from '@sales/event-store';
import { CURRENT_SCHEMA_VERSION } from '../commands/event-envelope.js';

// Pipeline `default` exists from the first start; appending it only to an empty stream makes this
// safe to run on every start and from several processes at once.
export async function seedDefaultPipeline(store: EventStore, now = new Date()): Promise<void> {
  const stream = pipelineStream(DEFAULT_PIPELINE_ID);
  if ((await store.readStream(stream, { limit: 1 })).version > 0) return;
  const event = defaultPipelineEvent();
  const commandId = randomUUID();
  try {
    await store.append(
      stream,
      [
        {
          id: randomUUID(),
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: {
            recordedAt: now.toISOString(),
            commandId,
            correlationId: commandId,
            causationId: commandId,
            actorId: null,
            principal: 'system',
            schemaVersion: CURRENT_SCHEMA_VERSION,
          },
        },
      ],
      0,
    );
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
  }
}
