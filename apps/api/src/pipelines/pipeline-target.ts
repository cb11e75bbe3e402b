import {
  DefinePipeline,
  type PipelineDefinition,
  pipelineDecider,
  pipelineDefinitionOf,
  pipelineStream,
} from '@sales/domain';
import { commandTarget } from '../commands/command-target.js';
import type { OpenDealsByStage } from './open-deals-by-stage.js';
import type { StageGuard } from './stage-guard.js';
import { DefinePipelineDto } from './pipeline.dto.js';

// The open deals per stage are counted when the command is decided, after the pipeline stream's
// lock is taken; once appended, the guard counts again for the deals that entered a removed stage
// meanwhile (see stage-guard.ts).
export const pipelineTarget = (
  pipelineId: string,
  body: DefinePipelineDto,
  openDeals: OpenDealsByStage,
  guard: StageGuard,
) => {
  let previous: PipelineDefinition | null = null;
  return commandTarget({
    type: 'DefinePipeline',
    decider: pipelineDecider,
    stream: pipelineStream(pipelineId),
    id: pipelineId,
    command: async (state, now: Date): Promise<DefinePipeline> => {
      previous = pipelineDefinitionOf(state);
      return {
        type: 'DefinePipeline',
        pipelineId,
        name: body.name,
        stages: body.stages.map(({ id, name, probability }) => ({ id, name, probability })),
        openDealsByStage: await openDeals.count(pipelineId),
        occurredAt: body.occurredAt ?? now.toISOString(),
        now: now.toISOString(),
      };
    },
    after: async (state) => {
      const defined = pipelineDefinitionOf(state);
      if (defined) await guard.afterDefinition(previous, defined);
    },
  });
};
