export type PipelineStage = { id: string; name: string; probability: number };

export type PipelineDefinition = { pipelineId: string; name: string; stages: PipelineStage[] };

export const MAX_PIPELINE_STAGES = 20;

export const DEFAULT_PIPELINE_ID = 'default';

// Dated at the epoch so that it is in force for any asOf a report may ask for.
export const DEFAULT_PIPELINE_DEFINED_AT = '1970-01-01T00:00:00.000Z';

export const DEFAULT_PIPELINE: PipelineDefinition = {
  pipelineId: DEFAULT_PIPELINE_ID,
  name: 'Default',
  stages: [
    { id: 'prospecting', name: 'Prospecting', probability: 0.1 },
    { id: 'qualification', name: 'Qualification', probability: 0.25 },
    { id: 'quote', name: 'Quote', probability: 0.5 },
    { id: 'contract', name: 'Contract', probability: 0.8 },
  ],
};

export const stageIndex = (pipeline: PipelineDefinition, stageId: string): number =>
  pipeline.stages.findIndex((stage) => stage.id === stageId);

export const hasStage = (pipeline: PipelineDefinition, stageId: string): boolean =>
  stageIndex(pipeline, stageId) >= 0;
