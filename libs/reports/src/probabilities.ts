import type { StageOutcomeDoc } from '@sales/projections';
import type { StageDefinition } from './pipeline-at.js';
import { rate } from './rate.js';

export const MIN_SAMPLE = 10;

export type StageProbability = {
  stageId: string;
  sample: number;
  historical: number | null;
  used: number;
};

// p(S): among the deals closed at asOf that ever visited S, the share won — once there are at
// least 10 of them; below that, the stage's configured probability.
export function stageProbabilities(
  stages: readonly StageDefinition[],
  outcomes: readonly StageOutcomeDoc[],
): StageProbability[] {
  const byStage = new Map(outcomes.map((o) => [o.stageId, o]));
  return stages.map((stage) => {
    const outcome = byStage.get(stage.id);
    const sample = outcome?.sample ?? 0;
    const historical = rate(outcome?.won ?? 0, sample);
    return {
      stageId: stage.id,
      sample,
      historical,
      used: sample >= MIN_SAMPLE && historical !== null ? historical : stage.probability,
    };
  });
}
