import { DealCommand, dealDecider, DealState, dealStream, OpenConvertedDeal } from '@sales/domain';
import { CommandInput, timed } from '../commands/command-input.js';
import { commandTarget } from '../commands/command-target.js';
import type { PipelineLookup } from '../pipelines/pipeline-lookup.js';

// What clients may ask for: OpenConvertedDeal is the engine's own, issued by the conversion.
export type DealCommandInput = CommandInput<Exclude<DealCommand, OpenConvertedDeal>, 'pipeline'>;

// `settle` finishes a conversion into this deal id that another request left half-done.
export const dealTarget = (
  input: DealCommandInput,
  pipelines: PipelineLookup,
  settle?: () => Promise<void>,
) =>
  commandTarget({
    decider: dealDecider,
    stream: dealStream(input.dealId),
    id: input.dealId,
    command: async (state: DealState, now: Date) =>
      ({ ...timed(input, now), pipeline: await pipelineFor(input, state, pipelines) }) as DealCommand,
    settle,
  });

// Only the commands that move a deal between stages need its pipeline's current definition.
function pipelineFor(input: DealCommandInput, state: DealState, pipelines: PipelineLookup) {
  switch (input.type) {
    case 'OpenDeal':
      return pipelines.definition(input.pipelineId);
    case 'AdvanceStage':
    case 'ReopenDeal':
      return state.status === 'none' ? null : pipelines.definition(state.pipelineId);
    default:
      return undefined;
  }
}
