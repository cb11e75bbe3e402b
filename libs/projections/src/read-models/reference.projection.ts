import { defineProjection } from './define-projection.js';

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

const quotaId = ({ ownerId, period }: { ownerId: string; period: string }) => `${ownerId}/${period}`;

export const referenceProjection = defineProjection({
  name: 'reference',
  version: 2,
  streamPrefixes: ['pipeline-', 'quota-'],
  collections: [PIPELINES, QUOTAS],
  indexes: [{ collection: QUOTAS, fields: ['period'] }],
  keys: (event) =>
    event.type === 'PipelineDefined'
      ? [{ collection: PIPELINES, id: event.data.pipelineId }]
      : [{ collection: QUOTAS, id: quotaId(event.data) }],
  on: {
    PipelineDefined: ({ data }, docs) => {
      const id = data.pipelineId;
      const doc = (docs(PIPELINES, id) as PipelineDoc | null) ?? { pipelineId: id, definitions: [] };
      const definition = { occurredAt: data.occurredAt, name: data.name, stages: data.stages };
      return [
        {
          op: 'put',
          collection: PIPELINES,
          id,
          doc: { ...doc, definitions: byTime([...doc.definitions, definition]) },
        },
      ];
    },
    QuotaSet: ({ data }, docs) => {
      const id = quotaId(data);
      const doc = (docs(QUOTAS, id) as QuotaDoc | null) ?? {
        ownerId: data.ownerId,
        period: data.period,
        from: data.from,
        to: data.to,
        settings: [],
      };
      const setting = { occurredAt: data.occurredAt, amountMinor: data.amountMinor };
      return [
        { op: 'put', collection: QUOTAS, id, doc: { ...doc, settings: byTime([...doc.settings, setting]) } },
      ];
    },
  },
});
