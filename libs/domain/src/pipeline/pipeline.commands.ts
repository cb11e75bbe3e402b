import type { CommandTime } from '../shared/event.js';
import type { PipelineStage } from './pipeline.definition.js';

export type DefinePipeline = CommandTime & {
  type: 'DefinePipeline';
  pipelineId: string;
  name: string;
  stages: PipelineStage[];
  // Open deals per stage id of this pipeline, counted by the handler from the read side:
  // the pipeline stream alone cannot know which stages still hold deals.
  openDealsByStage: Record<string, number>;
};

// Issued by the engine when a stage was removed while a deal was entering it (STAGE_IN_USE read
// across streams): `previous` is a definition that had the stages, for their place and probability.
export type RestoreStages = {
  type: 'RestoreStages';
  pipelineId: string;
  stageIds: string[];
  previous: PipelineStage[];
};

export type PipelineCommand = DefinePipeline | RestoreStages;
