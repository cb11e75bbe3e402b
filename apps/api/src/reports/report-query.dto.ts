import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { parsePeriod, parseTimeCut, type ReportName } from '@sales/reports';
import { ID_PATTERN } from '../common/dto-validators.js';
import { MinPositionQuery } from '../read-models/min-position.dto.js';
import type { ReportParams } from './report-params.js';

const TIME_CUT_MESSAGE = '$property must be an ISO-8601 timestamp with a zone, or a date YYYY-MM-DD';

const IsTimeCut = () =>
  ValidateBy({
    name: 'isTimeCut',
    validator: {
      validate: (value) => typeof value === 'string' && parseTimeCut(value) !== null,
      defaultMessage: () => TIME_CUT_MESSAGE,
    },
  });

// `to` > `from`; when `from` is itself invalid, its own error says so.
const IsAfterFrom = () =>
  ValidateBy({
    name: 'isAfterFrom',
    validator: {
      validate: (value, args) => {
        const from = parseTimeCut(String((args?.object as { from?: unknown }).from ?? ''));
        const to = typeof value === 'string' ? parseTimeCut(value) : null;
        return from === null || to === null || to > from;
      },
      defaultMessage: () => 'to must be later than from',
    },
  });

export class ReportQuery extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'figures as of this business time (default now); a date = its 00:00Z' })
  @IsOptional()
  @IsTimeCut()
  asOf?: string;

  @ApiPropertyOptional({
    description:
      'only what had been recorded by then: the events with recordedAt ≤ knownAt (default: everything recorded)',
  })
  @IsOptional()
  @IsTimeCut()
  knownAt?: string;

  @ApiPropertyOptional({ description: 'owner at the event that puts a deal in the population' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'ownerId must match [A-Za-z0-9_.:-]{1,64}' })
  ownerId?: string;

  @ApiPropertyOptional({ description: "the lead's source, else the deal's own, else `unknown`" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  source?: string;
}

export class LeadConversionQuery extends ReportQuery {
  @ApiProperty({ description: 'inclusive; timestamp, or a date = its 00:00Z', example: '2026-01-01' })
  @IsTimeCut()
  from!: string;

  @ApiProperty({ description: 'exclusive; later than from', example: '2026-04-01' })
  @IsTimeCut()
  @IsAfterFrom()
  to!: string;
}

export class WindowReportQuery extends LeadConversionQuery {
  @ApiPropertyOptional({
    description: 'one pipeline (reports that follow a stage order default to `default`)',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'pipelineId must match [A-Za-z0-9_.:-]{1,64}' })
  pipelineId?: string;
}

export class GroupedReportQuery extends WindowReportQuery {
  @ApiPropertyOptional({ enum: ['owner', 'source'], description: 'adds groups: [{key, …the same figures}]' })
  @IsOptional()
  @IsIn(['owner', 'source'])
  groupBy?: 'owner' | 'source';
}

export class PipelineReportQuery extends ReportQuery {
  @ApiPropertyOptional({ description: 'default: default' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'pipelineId must match [A-Za-z0-9_.:-]{1,64}' })
  pipelineId?: string;
}

export class QuotaAttainmentQuery extends ReportQuery {
  @ApiProperty({ example: '2026-Q2', description: 'YYYY-MM, YYYY-Qn or YYYY (UTC)' })
  @ValidateBy({
    name: 'isPeriod',
    validator: {
      validate: (value) => typeof value === 'string' && parsePeriod(value) !== null,
      defaultMessage: () => 'period must be YYYY-MM, YYYY-Qn or YYYY',
    },
  })
  period!: string;

  @ApiPropertyOptional({ description: 'only deals of this pipeline count (default: every pipeline)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'pipelineId must match [A-Za-z0-9_.:-]{1,64}' })
  pipelineId?: string;
}

export type AnyReportQuery = Partial<
  GroupedReportQuery & PipelineReportQuery & QuotaAttainmentQuery & LeadConversionQuery
>;

export const toReportParams = (query: AnyReportQuery): ReportParams => ({
  from: query.from === undefined ? null : parseTimeCut(query.from),
  to: query.to === undefined ? null : parseTimeCut(query.to),
  period: query.period ?? null,
  asOf: query.asOf === undefined ? null : parseTimeCut(query.asOf),
  knownAt: query.knownAt === undefined ? null : parseTimeCut(query.knownAt),
  ownerId: query.ownerId ?? null,
  source: query.source ?? null,
  pipelineId: query.pipelineId ?? null,
  groupBy: query.groupBy ?? null,
});

// The query each report takes (as its route declares it): what the CLI validates against too.
export const REPORT_QUERIES: Record<ReportName, new () => AnyReportQuery> = {
  funnel: GroupedReportQuery,
  'stage-velocity': GroupedReportQuery,
  'cycle-time': GroupedReportQuery,
  'win-rate': GroupedReportQuery,
  'lead-conversion': LeadConversionQuery,
  'new-customers': WindowReportQuery,
  forecast: WindowReportQuery,
  'quota-attainment': QuotaAttainmentQuery,
  reps: WindowReportQuery,
  pipeline: PipelineReportQuery,
};
