import type { PipelineDoc } from '@sales/projections';

export type StageDefinition = { id: string; name: string; probability: number };

// Stage order and configured probabilities are those of the definition in force at asOf: the
// latest PipelineDefined with occurredAt ≤ asOf. Null when the pipeline was not defined yet.
export function pipelineAt(doc: PipelineDoc | null, asOf: string): StageDefinition[] | null {
  if (!doc) return null;
  let current: PipelineDoc['definitions'][number] | null = null;
  for (const definition of doc.definitions) if (definition.occurredAt <= asOf) current = definition;
  return current ? current.stages : null;
}

export const stageIndexes = (stages: readonly StageDefinition[]): Map<string, number> =>
  new Map(stages.map((stage, i) => [stage.id, i]));
