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

export type PipelineCommand = DefinePipeline;
