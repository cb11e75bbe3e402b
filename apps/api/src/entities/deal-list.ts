import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { fromMinorUnits } from '@sales/domain';
import { type DealDoc, DEALS } from '@sales/projections';
import type { Condition, Query as ReadQuery } from '@sales/read-store';
import { ID_PATTERN } from '../common/dto-validators.js';
import { ApiError } from '../errors/api-error.js';
import { MinPositionQuery } from '../read-models/min-position.dto.js';
import { Reports } from '../reports/reports.service.js';
import { IsTimeCut, parseTimeCut } from './time-cut.js';

export class DealListQuery extends MinPositionQuery {
  @ApiPropertyOptional({ enum: ['open', 'won', 'lost'] })
  @IsOptional()
  @IsIn(['open', 'won', 'lost'])
  status?: 'open' | 'won' | 'lost';

  @ApiPropertyOptional({ description: 'current owner' })
  @IsOptional()
  @Matches(ID_PATTERN)
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN)
  pipelineId?: string;

  @ApiPropertyOptional({ description: 'current stage' })
  @IsOptional()
  @Matches(ID_PATTERN)
  stageId?: string;

  @IsTimeCut('asOf', 'the deals as they stood then, from the events with occurredAt ≤ asOf')
  asOf?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;
}

export type DealListItem = Omit<
  DealDoc,
  | 'amountMinor'
  | 'openOwnerId'
  | 'closeOwnerId'
  | 'visitedStageIds'
  | 'visitEnteredAt'
  | 'start'
  | 'updatedAt'
> & {
  amount: number;
};

export class ListDealsQuery extends Query<{ items: DealListItem[]; nextCursor: string | null }> {
  constructor(readonly filters: DealListQuery) {
    super();
  }
}

const encodeCursor = (dealId: string) => Buffer.from(dealId, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const dealId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!ID_PATTERN.test(dealId))
    throw new ApiError('VALIDATION_FAILED', 'cursor is not one this API gave out', [
      { field: 'cursor', errors: ['unknown cursor'] },
    ]);
  return dealId;
}

// The store's own fields (_id, _position, the version starts) stay inside: a list item is the deal.
function toItem(
  doc: DealDoc & { _id?: unknown; _position?: unknown; _vf?: unknown; _rf?: unknown },
): DealListItem {
  const {
    amountMinor,
    openOwnerId: _o,
    closeOwnerId: _c,
    visitedStageIds: _v,
    visitEnteredAt: _e,
    start: _s,
    updatedAt: _u,
    _id: _i,
    _position: _p,
    _vf: _validFrom,
    _rf: _recordedFrom,
    ...rest
  } = doc;
  return { ...rest, amount: fromMinorUnits(amountMinor) };
}

// Ordered by dealId so that a cursor (the last id of a page) pages stably while deals change. As of
// a past date, the deals read model as it stood then: replayed over the log (shared with the
// reports as of that date), then the same query.
@QueryHandler(ListDealsQuery)
export class ListDealsHandler implements IQueryHandler<ListDealsQuery> {
  constructor(
    @Inject(Reports) private readonly reports: Reports,
  ) {}

  async execute({ filters }: ListDealsQuery) {
    const limit = filters.limit ?? 50;
    const where: Record<string, Condition> = {};
    for (const field of ['status', 'ownerId', 'pipelineId', 'stageId'] as const)
      if (filters[field] !== undefined) where[field] = filters[field];
    if (filters.cursor) where.dealId = { gt: decodeCursor(filters.cursor) };
    const query: ReadQuery = { where, orderBy: [{ field: 'dealId', direction: 'asc' }], limit: limit + 1 };
    const docs = await this.find(parseTimeCut(filters.asOf), filters.minPosition ?? null, query);
    const page = docs.slice(0, limit) as unknown as DealDoc[];
    return {
      items: page.map(toItem),
      nextCursor: docs.length > limit ? encodeCursor(page[page.length - 1].dealId) : null,
    };
  }

  // Live, or the deals read model as of a past date (its versions then), once it has processed minPosition.
  private async find(asOf: string | null, minPosition: number | null, query: ReadQuery) {
    const { runner } = this.reports;
    return runner.readAt(runner.cutOf(asOf), ['deals'], minPosition, (reads) =>
      reads.store.find(reads.ref('deals'), DEALS, query),
    );
  }
}
