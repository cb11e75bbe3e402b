import type { Projection, ProjectionWrite } from '../runtime/projection.js';

// For stage probabilities: per pipeline stage, how many deals closed (and how many won) after
// having visited it. A reopened deal is no longer closed: its loss is taken back.
export type StageOutcomeDoc = { pipelineId: string; stageId: string; sample: number; won: number };

export const STAGE_OUTCOMES = 'stage-outcomes';
const idOf = (pipelineId: string, stageId: string) => `${pipelineId}/${stageId}`;

const stagesOf = (data: Record<string, unknown>) =>
  Array.isArray(data.visitedStageIds) ? (data.visitedStageIds as string[]) : [];

export const stageOutcomesProjection: Projection = {
  name: 'stage-outcomes',
  version: 2,
  eventTypes: ['DealWon', 'DealLost', 'DealReopened'],
  streamPrefixes: ['deal-'],
  collections: [STAGE_OUTCOMES],
  indexes: [{ collection: STAGE_OUTCOMES, fields: ['pipelineId'] }],
  keys: (e) =>
    stagesOf(e.data).map((stageId) => ({
      collection: STAGE_OUTCOMES,
      id: idOf(e.data.pipelineId as string, stageId),
    })),
  evolve: (e, docs): ProjectionWrite[] => {
    const pipelineId = e.data.pipelineId as string;
    const sample = e.type === 'DealReopened' ? -1 : 1;
    const won = e.type === 'DealWon' ? 1 : 0;
    return stagesOf(e.data).map((stageId) => {
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
  },
};
