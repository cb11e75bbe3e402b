import { DefinePipeline, pipelineDecider, pipelineStream } from '@sales/domain';
import { commandTarget } from '../commands/command-target.js';
import type { OpenDealsByStage } from './open-deals-by-stage.js';
import { DefinePipelineDto } from './pipeline.dto.js';

// The open deals per stage are counted when the command is decided, after the pipeline stream's
// lock is taken, so that the count is as fresh as this process can make it (see README).
export const pipelineTarget = (pipelineId: string, body: DefinePipelineDto, openDeals: OpenDealsByStage) =>
  commandTarget({
    decider: pipelineDecider,
    stream: pipelineStream(pipelineId),
    id: pipelineId,
    command: async (_state, now: Date): Promise<DefinePipeline> => ({
      type: 'DefinePipeline',
      pipelineId,
      name: body.name,
      stages: body.stages.map(({ id, name, probability }) => ({ id, name, probability })),
      openDealsByStage: await openDeals.count(pipelineId),
      occurredAt: body.occurredAt ?? now.toISOString(),
      now: now.toISOString(),
    }),
  });
