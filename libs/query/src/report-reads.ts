import { DomainError } from '@sales/domain';
import {
  type DocReader,
  type PipelineDoc,
  PIPELINES,
  type StageOutcomeDoc,
  STAGE_OUTCOMES,
} from '@sales/projections';
import type { GenerationRef, Query } from '@sales/read-store';
import { pipelineAt, type StageDefinition } from '@sales/reports';

// What a loader reads: the store and the generation that serves each projection, resolved (and
// caught up to minPosition) before the loader runs. The live read models or the same as of a time.
export type ReportReads = {
  store: DocReader;
  ref: (projection: string) => GenerationRef;
  /** The same read models as of another business time, as recorded by the same knownAt. */
  at: (asOf: string) => ReportReads;
};

export async function find<T>(reads: ReportReads, projection: string, collection: string, query: Query) {
  return (await reads.store.find(reads.ref(projection), collection, query)) as unknown as T[];
}

// A window read straight off an index: `field` in [from, to), in index order.
export const windowQuery = (field: string, from: string, to: string, where: Query['where'] = {}): Query => ({
  where: { ...where, [field]: { gte: from, lt: to } },
  orderBy: [{ field, direction: 'asc' }],
});

// The stage order in force at asOf; an unknown pipeline (or one not defined yet) is a 422.
export async function stagesAt(
  reads: ReportReads,
  pipelineId: string,
  asOf: string,
): Promise<StageDefinition[]> {
  const doc = (await reads.store.get(reads.ref('reference'), PIPELINES, pipelineId)) as PipelineDoc | null;
  const stages = pipelineAt(doc, asOf);
  if (!stages)
    throw new DomainError(
      'UNKNOWN_PIPELINE',
      doc ? `pipeline ${pipelineId} was not defined yet at ${asOf}` : `pipeline ${pipelineId} is not defined`,
      { pipelineId },
    );
  return stages;
}

export const stageOutcomes = (reads: ReportReads, pipelineId: string) =>
  find<StageOutcomeDoc>(reads, 'stage-outcomes', STAGE_OUTCOMES, { where: { pipelineId } });
