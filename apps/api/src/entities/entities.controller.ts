import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { DealParams } from '../deals/deal.dto.js';
import { LeadParams } from '../leads/lead.dto.js';
import { AsOfQuery } from './as-of.dto.js';
import { parseTimeCut } from './time-cut.js';
import { DealListQuery, ListDealsQuery } from './deal-list.js';
import { GetDealQuery, GetEntityHistoryQuery, GetLeadQuery } from './entity.queries.js';
import { DealListPageDto, DealViewDto, HistoryEntryDto, LeadViewDto } from './entity-views.dto.js';

const cutsOf = ({ asOf, knownAt }: AsOfQuery) => ({
  asOf: parseTimeCut(asOf),
  knownAt: parseTimeCut(knownAt),
});

@ApiTags('entities')
@ApiBearerAuth()
@Controller()
export class EntitiesController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('deals')
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: 'Deals by status, current owner, pipeline and stage, paged by cursor' })
  @ApiOkResponse({ type: DealListPageDto })
  deals(@Query() filters: DealListQuery) {
    return this.queries.execute(new ListDealsQuery(filters));
  }

  @Get('deals/:dealId')
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: 'A deal as it is, or as it was at asOf, as known at knownAt' })
  @ApiOkResponse({ type: DealViewDto })
  deal(@Param() { dealId }: DealParams, @Query() { asOf, knownAt }: AsOfQuery) {
    return this.queries.execute(new GetDealQuery(dealId, parseTimeCut(asOf), parseTimeCut(knownAt)));
  }

  @Get('deals/:dealId/history')
  @Roles('auditor')
  @ApiOperation({
    summary: 'Every event of a deal, in order, with who, when and on whose behalf, and its hash chain',
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  dealHistory(@Param() { dealId }: DealParams, @Query() query: AsOfQuery) {
    return this.queries.execute(new GetEntityHistoryQuery('deal', dealId, cutsOf(query)));
  }

  @Get('leads/:leadId')
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: 'A lead as it is, or as it was at asOf, as known at knownAt' })
  @ApiOkResponse({ type: LeadViewDto })
  lead(@Param() { leadId }: LeadParams, @Query() { asOf, knownAt }: AsOfQuery) {
    return this.queries.execute(new GetLeadQuery(leadId, parseTimeCut(asOf), parseTimeCut(knownAt)));
  }

  @Get('leads/:leadId/history')
  @Roles('auditor')
  @ApiOperation({ summary: 'Every event of a lead, in order, with its hash chain' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  leadHistory(@Param() { leadId }: LeadParams, @Query() query: AsOfQuery) {
    return this.queries.execute(new GetEntityHistoryQuery('lead', leadId, cutsOf(query)));
  }
}
