import type { DealLost, DealReopened, DealWon } from '@sales/domain';
import type { Lookup, ProjectionWrite } from '../runtime/projection.js';
import { defineProjection, type Projected } from './define-projection.js';

// For stage probabilities: per pipeline stage, how many deals closed (and how many won) after
// having visited it. A reopened deal is no longer closed: its loss is taken back.
export type StageOutcomeDoc = { pipelineId: string; stageId: string; sample: number; won: number };

export const STAGE_OUTCOMES = 'stage-outcomes';
const idOf = (pipelineId: string, stageId: string) => `${pipelineId}/${stageId}`;

type OutcomeEvent = Projected<DealWon | DealLost | DealReopened>;

// Events recorded before the visited stages were carried name none.
const stagesOf = ({ data }: OutcomeEvent) =>
  Array.isArray(data.visitedStageIds) ? data.visitedStageIds : [];

function countOutcome(event: OutcomeEvent, docs: Lookup): ProjectionWrite[] {
  const pipelineId = event.data.pipelineId;
  const sample = event.type === 'DealReopened' ? -1 : 1;
  const won = event.type === 'DealWon' ? 1 : 0;
  return stagesOf(event).map((stageId) => {
    const id = idOf(pipelineId, stageId);
    const doc = (docs(STAGE_OUTCOMES, id) as StageOutcomeDoc | null) ?? {
      pipelineId,
      stageId,
      sample: 0,
      won: 0,
    };
    return {
      op: 'put',
      collection: STAGE_OUTCOMES,
      id,
      doc: { ...doc, sample: doc.sample + sample, won: doc.won + won },
    };
  });
}

export const stageOutcomesProjection = defineProjection({
  name: 'stage-outcomes',
  version: 2,
  streamPrefixes: ['deal-'],
  collections: [STAGE_OUTCOMES],
  indexes: [{ collection: STAGE_OUTCOMES, fields: ['pipelineId'] }],
  keys: (event) =>
    stagesOf(event).map((stageId) => ({
      collection: STAGE_OUTCOMES,
      id: idOf(event.data.pipelineId, stageId),
    })),
  on: { DealWon: countOutcome, DealLost: countOutcome, DealReopened: countOutcome },
});
