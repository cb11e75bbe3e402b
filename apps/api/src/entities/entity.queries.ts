import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { DealView, LeadView } from '@sales/domain';
import type { HistoryEntry } from '@sales/query';
import { EntityReads } from './entity-reads.js';
import { NO_CUTS, TimeCuts } from './time-cut.js';

export class GetDealQuery extends Query<DealView> {
  constructor(
    readonly dealId: string,
    readonly asOf: string | null,
    readonly knownAt: string | null = null,
  ) {
    super();
  }
}

export class GetLeadQuery extends Query<LeadView> {
  constructor(
    readonly leadId: string,
    readonly asOf: string | null,
    readonly knownAt: string | null = null,
  ) {
    super();
  }
}

export class GetEntityHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly kind: 'deal' | 'lead',
    readonly id: string,
    readonly cuts: TimeCuts = NO_CUTS,
  ) {
    super();
  }
}

@QueryHandler(GetDealQuery)
export class GetDealHandler implements IQueryHandler<GetDealQuery> {
  constructor(@Inject(EntityReads) private readonly reads: EntityReads) {}
  execute({ dealId, asOf, knownAt }: GetDealQuery) {
    return this.reads.deal(dealId, { asOf, knownAt });
  }
}

@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery> {
  constructor(@Inject(EntityReads) private readonly reads: EntityReads) {}
  execute({ leadId, asOf, knownAt }: GetLeadQuery) {
    return this.reads.lead(leadId, { asOf, knownAt });
  }
}

@QueryHandler(GetEntityHistoryQuery)
export class GetEntityHistoryHandler implements IQueryHandler<GetEntityHistoryQuery> {
  constructor(@Inject(EntityReads) private readonly reads: EntityReads) {}
  execute({ kind, id, cuts }: GetEntityHistoryQuery) {
    return this.reads.history(kind, id, cuts);
  }
}
