import { DomainError } from '../shared/domain-error.js';
import { hasStage, type PipelineDefinition } from '../pipeline/pipeline.definition.js';
import type { DealOpenState, DealState, ExistingDealState } from './deal.state.js';

export const requireDeal = (state: DealState, dealId: string): ExistingDealState => {
  if (state.status === 'none')
    throw new DomainError('DEAL_NOT_FOUND', `deal ${dealId} not found`, { dealId });
  return state;
};

export const requireOpenDeal = (state: DealState, dealId: string): DealOpenState => {
  const deal = requireDeal(state, dealId);
  if (deal.status !== 'open') {
    throw new DomainError('DEAL_CLOSED', `deal ${dealId} is ${deal.status}`, { dealId, status: deal.status });
  }
  return deal;
};

// A definition for another id than the deal's would be a handler bug; refusing it beats
// computing directions against the wrong stage order.
export const knownPipeline = (
  pipeline: PipelineDefinition | null,
  pipelineId: string,
): PipelineDefinition => {
  if (pipeline === null || pipeline === undefined || pipeline.pipelineId !== pipelineId) {
    throw new DomainError('UNKNOWN_PIPELINE', `pipeline ${pipelineId} is not defined`, { pipelineId });
  }
  return pipeline;
};

export const knownStage = (pipeline: PipelineDefinition, stageId: string): string => {
  if (!hasStage(pipeline, stageId)) {
    throw new DomainError('UNKNOWN_STAGE', `stage ${stageId} is not in pipeline ${pipeline.pipelineId}`, {
      pipelineId: pipeline.pipelineId,
      stageId,
      stages: pipeline.stages.map((stage) => stage.id),
    });
  }
  return stageId;
};
