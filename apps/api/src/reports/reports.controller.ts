import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ReportName } from '@sales/reports';
import { Roles } from '../auth/roles.decorator.js';
import { APP_CONFIG, type AppConfig } from '@sales/platform';
import {
  type AnyReportQuery,
  CSV_CLOSING_PARAMETER_COLUMNS,
  echoedParams,
  ForecastAccuracyQuery,
  GroupedReportQuery,
  LeadConversionQuery,
  PipelineReportQuery,
  QuotaAttainmentQuery,
  StuckDealsQuery,
  toCsv,
  toReportParams,
  WindowReportQuery,
  withCurrency,
} from '@sales/query';
import './report-query.openapi.js';
import { reportSchema } from './report-schemas.js';
import { RunReportQuery } from './reports.service.js';

// text/csv when the client prefers it to JSON (or names only it); JSON on a tie.
export function wantsCsv(accept: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const range of (accept ?? '').toLowerCase().split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(type, q ? Number(q.slice(2)) : 1);
  }
  const csv = weights.get('text/csv') ?? 0;
  return csv > 0 && csv > (weights.get('application/json') ?? 0);
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Roles('analyst')
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('funnel')
  @ApiOkResponse({ schema: reportSchema('funnel'), description: 'JSON, or CSV when Accept prefers text/csv' })
  @ApiOperation({ summary: 'Deals opened in [from,to): how far they got, stage by stage' })
  funnel(
    @Query() q: GroupedReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('funnel', q, accept, reply);
  }

  @Get('stage-velocity')
  @ApiOkResponse({
    schema: reportSchema('stage-velocity'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary: 'Visits that ended in [from,to): exits, conversion, days in stage; open visits; transitions',
  })
  stageVelocity(
    @Query() q: GroupedReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('stage-velocity', q, accept, reply);
  }

  @Get('cycle-time')
  @ApiOkResponse({
    schema: reportSchema('cycle-time'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({ summary: 'Deals closed in [from,to): days from start to close, won and lost' })
  cycleTime(
    @Query() q: GroupedReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('cycle-time', q, accept, reply);
  }

  @Get('win-rate')
  @ApiOkResponse({
    schema: reportSchema('win-rate'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({ summary: 'Deals closed in [from,to): win rate by count and amount, loss reasons' })
  winRate(
    @Query() q: GroupedReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('win-rate', q, accept, reply);
  }

  @Get('lead-conversion')
  @ApiOkResponse({
    schema: reportSchema('lead-conversion'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary: 'Leads captured in [from,to): converted, disqualified, open, days to convert, by source',
  })
  leadConversion(
    @Query() q: LeadConversionQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('lead-conversion', q, accept, reply);
  }

  @Get('new-customers')
  @ApiOkResponse({
    schema: reportSchema('new-customers'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({ summary: 'Accounts whose first won deal closed in [from,to), by source and owner' })
  newCustomers(
    @Query() q: WindowReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('new-customers', q, accept, reply);
  }

  @Get('forecast')
  @ApiOkResponse({
    schema: reportSchema('forecast'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary: 'Open deals expected to close in [from,to): amount and probability-weighted amount by month',
  })
  forecast(
    @Query() q: WindowReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('forecast', q, accept, reply);
  }

  @Get('quota-attainment')
  @ApiOkResponse({
    schema: reportSchema('quota-attainment'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary: 'Owners with a quota for the period: won amount, attainment, open pipeline, coverage',
  })
  quotaAttainment(
    @Query() q: QuotaAttainmentQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('quota-attainment', q, accept, reply);
  }

  @Get('reps')
  @ApiOkResponse({ schema: reportSchema('reps'), description: 'JSON, or CSV when Accept prefers text/csv' })
  @ApiOperation({
    summary: 'Per owner over [from,to): deals, wins, cycle, activities, conversions, first response',
  })
  reps(
    @Query() q: WindowReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('reps', q, accept, reply);
  }

  @Get('pipeline')
  @ApiOkResponse({
    schema: reportSchema('pipeline'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary: 'Deals open at asOf in the pipeline: count, amount, weighted amount and age by stage',
  })
  pipeline(
    @Query() q: PipelineReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('pipeline', q, accept, reply);
  }

  @Get('slippage')
  @ApiOkResponse({
    schema: reportSchema('slippage'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary:
      'Deal updates in [from,to): close dates pushed and pulled in, amounts raised and cut, by owner at the update; the most pushed deals',
  })
  slippage(
    @Query() q: WindowReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('slippage', q, accept, reply);
  }

  @Get('stuck-deals')
  @ApiOkResponse({
    schema: reportSchema('stuck-deals'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary:
      "Deals open at asOf longer in their stage than the p80 of that stage's recent completed visits (the owner's, else everyone's)",
  })
  stuckDeals(
    @Query() q: StuckDealsQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('stuck-deals', q, accept, reply);
  }

  @Get('customer-value')
  @ApiOkResponse({
    schema: reportSchema('customer-value'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary:
      'Accounts whose first won deal closed in [from,to): lifetime value of their wins to asOf, repeat rate, by source and owner, the top accounts',
  })
  customerValue(
    @Query() q: LeadConversionQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('customer-value', q, accept, reply);
  }

  @Get('pipeline-flow')
  @ApiOkResponse({
    schema: reportSchema('pipeline-flow'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary:
      'The open pipeline at from against the one at to (from < to ≤ asOf): added, moved, won, lost, changed',
  })
  pipelineFlow(
    @Query() q: WindowReportQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('pipeline-flow', q, accept, reply);
  }

  @Get('forecast-accuracy')
  @ApiOkResponse({
    schema: reportSchema('forecast-accuracy'),
    description: 'JSON, or CSV when Accept prefers text/csv',
  })
  @ApiOperation({
    summary: 'The forecast for [from,to) as it stood at each `at`, against the deals won in the window',
  })
  forecastAccuracy(
    @Query() q: ForecastAccuracyQuery,
    @Headers('accept') accept: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run('forecast-accuracy', q, accept, reply);
  }

  private async run(
    name: ReportName,
    query: AnyReportQuery,
    accept: string | undefined,
    reply: FastifyReply,
  ) {
    const params = toReportParams(query);
    const minPosition = query.minPosition ?? null;
    const report = withCurrency(
      await this.queries.execute(
        new RunReportQuery({ name, params, minPosition, generation: query.generation ?? 'serving' }),
      ),
      this.config.currency,
    );
    if (!wantsCsv(accept)) return report;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    const columns = [
      ...Object.keys(echoedParams(name, params, '', minPosition)),
      ...CSV_CLOSING_PARAMETER_COLUMNS,
    ];
    return toCsv(report, columns);
  }
}
