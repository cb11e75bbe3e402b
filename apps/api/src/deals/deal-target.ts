import { DealCommand, dealDecider, DealState, dealStream, OpenConvertedDeal } from '@sales/domain';
import { CommandInput, timed } from '../commands/command-input.js';
import { commandTarget } from '../commands/command-target.js';
import type { PipelineLookup } from '../pipelines/pipeline-lookup.js';
import type { StageGuard } from '../pipelines/stage-guard.js';

// What clients may ask for: OpenConvertedDeal is the engine's own, issued by the conversion.
export type DealCommandInput = CommandInput<Exclude<DealCommand, OpenConvertedDeal>, 'pipeline'>;

// `settle` finishes a conversion into this deal id that another request left half-done.
// `guard` re-reads the pipeline after a deal entered a stage (opened, moved, reopened): a removal
// of that stage that raced the command is withdrawn.
export const dealTarget = (
  input: DealCommandInput,
  pipelines: PipelineLookup,
  guard?: StageGuard,
  settle?: () => Promise<void>,
) => {
  let entering = false;
  return commandTarget({
    type: input.type,
    decider: dealDecider,
    stream: dealStream(input.dealId),
    id: input.dealId,
    command: async (state: DealState, now: Date) => {
      const pipeline = await pipelineFor(input, state, pipelines);
      entering = Boolean(pipeline);
      return { ...timed(input, now), pipeline } as DealCommand;
    },
    settle,
    after: async (state: DealState) => {
      if (guard && entering && state.status === 'open')
        await guard.afterEntry(state.pipelineId, state.stageId);
    },
  });
};

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
