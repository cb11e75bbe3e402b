import type { RestoreStages } from './pipeline.commands.js';
import type { PipelineStage } from './pipeline.definition.js';
import type { PipelineEvent } from './pipeline.events.js';
import type { PipelineState } from './pipeline.state.js';

// Each stage goes back right after the nearest stage that preceded it before and is still there.
export const withStagesRestored = (
  current: readonly PipelineStage[],
  previous: readonly PipelineStage[],
  stageIds: readonly string[],
): PipelineStage[] => {
  const result = [...current];
  for (const stageId of stageIds) {
    const index = previous.findIndex((stage) => stage.id === stageId);
    if (index < 0 || result.some((stage) => stage.id === stageId)) continue;
    const before = previous
      .slice(0, index)
      .reverse()
      .find((stage) => result.some((kept) => kept.id === stage.id));
    const at = before ? result.findIndex((stage) => stage.id === before.id) + 1 : 0;
    result.splice(at, 0, { ...previous[index] });
  }
  return result;
};

// A removal that raced a deal entering the stage is withdrawn: the stage is defined again, dated
// with the definition in force so that, for any asOf, the removal never was. Nothing to restore
// (another process did it, or the stage is back) decides nothing.
export const decideRestoreStages = (command: RestoreStages, state: PipelineState): PipelineEvent[] => {
  if (state.status !== 'defined') return [];
  const { definition, lastOccurredAt } = state;
  const stages = withStagesRestored(definition.stages, command.previous, command.stageIds);
  if (stages.length === definition.stages.length) return [];
  return [
    {
      type: 'PipelineDefined',
      data: { pipelineId: definition.pipelineId, name: definition.name, stages, occurredAt: lastOccurredAt },
    },
  ];
};
