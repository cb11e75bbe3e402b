import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ForecastAccuracyQuery,
  GroupedReportQuery,
  LeadConversionQuery,
  PipelineReportQuery,
  QuotaAttainmentQuery,
  ReportQuery,
  StuckDealsQuery,
  WindowReportQuery,
} from '@sales/query';

// The report queries are @sales/query's classes (the CLI validates against them without Nest).
// Their fields enter the OpenAPI document here, by the same decorators applied as functions, base
// classes first as class declarations would apply them.
type Field = ApiPropertyOptions & { optional?: true };

function documentFields<T>(query: new () => T, fields: Partial<Record<keyof T & string, Field>>) {
  for (const [name, { optional, ...options }] of Object.entries(fields) as [string, Field][])
    (optional ? ApiPropertyOptional : ApiProperty)(options)(query.prototype as object, name);
}

documentFields(ReportQuery, {
  minPosition: {
    optional: true,
    description: 'wait (≤ 10 s) until the read models have processed this global position',
  },
  asOf: {
    optional: true,
    description: 'figures as of this business time (default now); a date = its 00:00Z',
  },
  generation: {
    optional: true,
    enum: ['serving', 'candidate'],
    description:
      'candidate: read each projection from its candidate generation (POST /v1/projections/:name/rebuild?promote=manual) where it has one, the serving generation elsewhere',
  },
  knownAt: {
    optional: true,
    description:
      'only what had been recorded by then: the events with recordedAt ≤ knownAt (default: everything recorded); a date = its 00:00Z',
  },
  ownerId: { optional: true, description: 'owner at the event that puts a deal in the population' },
  source: { optional: true, description: "the lead's source, else the deal's own, else `unknown`" },
});
documentFields(LeadConversionQuery, {
  from: { description: 'inclusive; timestamp, or a date = its 00:00Z', example: '2026-01-01' },
  to: { description: 'exclusive; later than from', example: '2026-04-01' },
});
documentFields(WindowReportQuery, {
  pipelineId: {
    optional: true,
    description: 'one pipeline (reports that follow a stage order default to `default`)',
  },
});
documentFields(GroupedReportQuery, {
  groupBy: {
    optional: true,
    enum: ['owner', 'source'],
    description: 'adds groups: [{key, …the same figures}]',
  },
});
documentFields(PipelineReportQuery, { pipelineId: { optional: true, description: 'default: default' } });
documentFields(QuotaAttainmentQuery, {
  period: { example: '2026-Q2', description: 'YYYY-MM, YYYY-Qn or YYYY (UTC)' },
  pipelineId: {
    optional: true,
    description: 'only deals of this pipeline count (default: every pipeline)',
  },
});
documentFields(StuckDealsQuery, {
  lookbackDays: {
    optional: true,
    type: 'integer',
    minimum: 1,
    maximum: 36_500,
    description: 'thresholds from the visits completed in [asOf − lookbackDays, asOf) (default 365)',
  },
});
documentFields(ForecastAccuracyQuery, {
  at: {
    example: '2026-01-01,2026-02-01,2026-03-01',
    description:
      '1–12 comma-separated instants (timestamps or dates), each earlier than to and none later than asOf',
  },
});
