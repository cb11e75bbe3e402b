import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { DealParams } from '../deals/deal.dto.js';
import { LeadParams } from '../leads/lead.dto.js';
import { AsOfQuery, parseTimeCut } from './as-of.dto.js';
import { GetDealQuery, GetEntityHistoryQuery, GetLeadQuery } from './entity.queries.js';

@ApiTags('entities')
@ApiBearerAuth()
@Controller()
export class EntitiesController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('deals/:dealId')
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: 'A deal as it is, or as it was at asOf' })
  deal(@Param() { dealId }: DealParams, @Query() { asOf }: AsOfQuery) {
    return this.queries.execute(new GetDealQuery(dealId, parseTimeCut(asOf)));
  }

  @Get('deals/:dealId/history')
  @Roles('auditor')
  @ApiOperation({ summary: 'Every event of a deal, in order, with who, when and on whose behalf' })
  dealHistory(@Param() { dealId }: DealParams) {
    return this.queries.execute(new GetEntityHistoryQuery('deal', dealId));
  }

  @Get('leads/:leadId')
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: 'A lead as it is, or as it was at asOf' })
  lead(@Param() { leadId }: LeadParams, @Query() { asOf }: AsOfQuery) {
    return this.queries.execute(new GetLeadQuery(leadId, parseTimeCut(asOf)));
  }

  @Get('leads/:leadId/history')
  @Roles('auditor')
  @ApiOperation({ summary: 'Every event of a lead, in order' })
  leadHistory(@Param() { leadId }: LeadParams) {
    return this.queries.execute(new GetEntityHistoryQuery('lead', leadId));
  }
}
