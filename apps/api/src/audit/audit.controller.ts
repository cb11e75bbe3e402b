import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEventsPageDto, ChainReportDto } from './audit-answers.dto.js';
import { Roles } from '../auth/roles.decorator.js';
import { AuditEventsQuery, VerifyQuery } from './audit.dto.js';
import { ListAuditEventsQuery, VerifyChainQuery } from './audit.queries.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller('audit')
export class AuditController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('verify')
  @ApiOperation({
    summary:
      'Verify the hash chain of one stream or of every stream: { ok, streamsChecked, eventsChecked, brokenLinks, firstBroken: {stream, revision, reason, expected, actual, …} | null }',
  })
  @ApiOkResponse({ type: ChainReportDto })
  verify(@Query() { stream }: VerifyQuery) {
    return this.queries.execute(new VerifyChainQuery(stream ?? null));
  }

  @Get('events')
  @ApiOperation({
    summary: "The engine's own audit trail (refused requests, admin actions) recorded in [from, to)",
  })
  @ApiOkResponse({ type: AuditEventsPageDto })
  events(@Query() filters: AuditEventsQuery) {
    return this.queries.execute(new ListAuditEventsQuery(filters));
  }
}
