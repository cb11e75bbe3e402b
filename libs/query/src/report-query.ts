import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { ID_PATTERN } from '@sales/domain';
import { MAX_FORECAST_INSTANTS, parsePeriod, parseTimeCut, type ReportName } from '@sales/reports';
import type { ReportParams } from './report-params.js';

// The query each report takes, validated the same way by the HTTP route and the CLI. Free of
// Nest: the API describes these fields for its OpenAPI document on its own side.

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

const instantsOf = (value: unknown): (string | null)[] =>
  typeof value === 'string' ? value.split(',').map((part) => parseTimeCut(part.trim())) : [];

// 1–12 comma-separated instants, each earlier than `to`.
const IsInstantsBeforeTo = () =>
  ValidateBy({
    name: 'isInstantsBeforeTo',
    validator: {
      validate: (value, args) => {
        const instants = instantsOf(value);
        if (instants.length < 1 || instants.length > MAX_FORECAST_INSTANTS || instants.includes(null))
          return false;
        const to = parseTimeCut(String((args?.object as { to?: unknown }).to ?? ''));
        return to === null || instants.every((at) => (at as string) < to);
      },
      defaultMessage: () =>
        `at must be 1 to ${MAX_FORECAST_INSTANTS} comma-separated timestamps (or dates), each earlier than to`,
    },
  });

export class ReportQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;

  @IsOptional()
  @IsTimeCut()
  asOf?: string;

  @IsOptional()
  @IsIn(['serving', 'candidate'])
  generation?: 'serving' | 'candidate';

  @IsOptional()
  @IsTimeCut()
  knownAt?: string;

  @IsOptional()
  @Matches(ID_PATTERN, { message: 'ownerId must match [A-Za-z0-9_.:-]{1,64}' })
  ownerId?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  source?: string;
}

export class LeadConversionQuery extends ReportQuery {
  @IsTimeCut()
  from!: string;

  @IsTimeCut()
  @IsAfterFrom()
  to!: string;
}

export class WindowReportQuery extends LeadConversionQuery {
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'pipelineId must match [A-Za-z0-9_.:-]{1,64}' })
  pipelineId?: string;
}

export class GroupedReportQuery extends WindowReportQuery {
  @IsOptional()
  @IsIn(['owner', 'source'])
  groupBy?: 'owner' | 'source';
}

export class ForecastAccuracyQuery extends WindowReportQuery {
  @IsInstantsBeforeTo()
  at!: string;
}

export class PipelineReportQuery extends ReportQuery {
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'pipelineId must match [A-Za-z0-9_.:-]{1,64}' })
  pipelineId?: string;
}

export class StuckDealsQuery extends PipelineReportQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  lookbackDays?: number;
}

export class QuotaAttainmentQuery extends ReportQuery {
  @ValidateBy({
    name: 'isPeriod',
    validator: {
      validate: (value) => typeof value === 'string' && parsePeriod(value) !== null,
      defaultMessage: () => 'period must be YYYY-MM, YYYY-Qn or YYYY',
    },
  })
  period!: string;

  @IsOptional()
  @Matches(ID_PATTERN, { message: 'pipelineId must match [A-Za-z0-9_.:-]{1,64}' })
  pipelineId?: string;
}

export type AnyReportQuery = Partial<
  GroupedReportQuery &
    PipelineReportQuery &
    QuotaAttainmentQuery &
    LeadConversionQuery &
    StuckDealsQuery &
    ForecastAccuracyQuery
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
  lookbackDays: query.lookbackDays ?? null,
  at: query.at === undefined ? null : instantsOf(query.at).map((at) => at as string),
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
  slippage: WindowReportQuery,
  'stuck-deals': StuckDealsQuery,
  'customer-value': LeadConversionQuery,
  'pipeline-flow': WindowReportQuery,
  'forecast-accuracy': ForecastAccuracyQuery,
};
