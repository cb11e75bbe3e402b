import type { PipelineDefinition } from './pipeline.definition.js';

export type PipelineState =
  { status: 'none' } | { status: 'defined'; definition: PipelineDefinition; lastOccurredAt: string };

// What deal commands carry as `pipeline`: null tells the deal decider the pipeline is unknown.
export const pipelineDefinitionOf = (state: PipelineState): PipelineDefinition | null =>
  state.status === 'defined' ? state.definition : null;
