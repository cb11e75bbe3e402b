import {
  DEFAULT_PIPELINE,
  DEFAULT_PIPELINE_DEFINED_AT,
  DEFAULT_PIPELINE_ID,
  pipelineDecider,
  pipelineStream,
} from '@sales/domain';
import { EventStore, VersionConflictError } from '@sales/event-store';
import { envelope, systemContext } from '@sales/event-store';

// Pipeline `default` exists from the first start; appending it only to an empty stream makes this
// safe to run on every start and from several processes at once. Decided by the pipeline's own
// decider, like any definition, dated at the epoch so that it is in force for any asOf.
export async function seedDefaultPipeline(store: EventStore, now = new Date()): Promise<void> {
  const stream = pipelineStream(DEFAULT_PIPELINE_ID);
  if ((await store.readStream(stream, { limit: 1 })).version > 0) return;
  const events = pipelineDecider.decide(
    {
      type: 'DefinePipeline',
      ...DEFAULT_PIPELINE,
      openDealsByStage: {},
      occurredAt: DEFAULT_PIPELINE_DEFINED_AT,
      now: now.toISOString(),
    },
    pipelineDecider.initialState,
  );
  const context = systemContext(now);
  try {
    await store.append(
      stream,
      events.map((event) => envelope(event, context)),
      0,
    );
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
  }
}
