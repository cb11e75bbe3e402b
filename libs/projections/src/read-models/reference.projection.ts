import type { Projection, ProjectionWrite } from '../runtime/projection.js';

// Pipelines and quotas as they were defined over time: a report as of a date uses the definition
// in force then (the latest with occurredAt ≤ asOf).
export type PipelineDoc = {
  pipelineId: string;
  definitions: {
    occurredAt: string;
    name: string;
    stages: { id: string; name: string; probability: number }[];
  }[];
};

export type QuotaDoc = {
  ownerId: string;
  period: string;
  from: string;
  to: string;
  settings: { occurredAt: string; amountMinor: number }[];
};

export const PIPELINES = 'pipelines';
export const QUOTAS = 'quotas';

const byTime = <T extends { occurredAt: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));

export const referenceProjection: Projection = {
  name: 'reference',
  version: 2,
  eventTypes: ['PipelineDefined', 'QuotaSet'],
  streamPrefixes: ['pipeline-', 'quota-'],
  collections: [PIPELINES, QUOTAS],
  indexes: [{ collection: QUOTAS, fields: ['period'] }],
  keys: (event) =>
    event.type === 'PipelineDefined'
      ? [{ collection: PIPELINES, id: event.data.pipelineId as string }]
      : [{ collection: QUOTAS, id: `${event.data.ownerId}/${event.data.period}` }],
  evolve: (event, docs): ProjectionWrite[] => {
    const d = event.data;
    if (event.type === 'PipelineDefined') {
      const id = d.pipelineId as string;
      const doc = (docs(PIPELINES, id) as PipelineDoc | null) ?? { pipelineId: id, definitions: [] };
      const definition = {
        occurredAt: d.occurredAt as string,
        name: d.name as string,
        stages: d.stages as PipelineDoc['definitions'][number]['stages'],
      };
      return [
        {
          op: 'put',
          collection: PIPELINES,
          id,
          doc: { ...doc, definitions: byTime([...doc.definitions, definition]) },
        },
      ];
    }
    const id = `${d.ownerId}/${d.period}`;
    const doc = (docs(QUOTAS, id) as QuotaDoc | null) ?? {
      ownerId: d.ownerId as string,
      period: d.period as string,
      from: d.from as string,
      to: d.to as string,
      settings: [],
    };
    const setting = { occurredAt: d.occurredAt as string, amountMinor: d.amountMinor as number };
    return [
      { op: 'put', collection: QUOTAS, id, doc: { ...doc, settings: byTime([...doc.settings, setting]) } },
    ];
  },
};
