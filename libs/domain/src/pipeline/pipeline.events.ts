import type { EventOf } from '../shared/event.js';
import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_DEFINED_AT, type PipelineStage } from './pipeline.definition.js';

export type PipelineDefined = EventOf<
  'PipelineDefined',
  { pipelineId: string; name: string; stages: PipelineStage[] }
>;

export type PipelineEvent = PipelineDefined;

export const defaultPipelineEvent = (): PipelineDefined => ({
  type: 'PipelineDefined',
  data: {
    pipelineId: DEFAULT_PIPELINE.pipelineId,
    name: DEFAULT_PIPELINE.name,
    stages: DEFAULT_PIPELINE.stages.map((stage) => ({ ...stage })),
    occurredAt: DEFAULT_PIPELINE_DEFINED_AT,
  },
});
