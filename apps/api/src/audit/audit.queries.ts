import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ChainReport, EVENT_STORE, type EventStore, RecordedEvent, verifyStore } from '@sales/event-store';
import { ApiError } from '../errors/api-error.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { parseTimeCut } from '../entities/time-cut.js';
import { AUDIT_STREAM_PREFIX, auditStream } from '@sales/platform';
import { AuditEventsQuery } from './audit.dto.js';

export class VerifyChainQuery extends Query<ChainReport> {
  constructor(readonly stream: string | null) {
    super();
  }
}

export type AuditEventItem = {
  stream: string;
  revision: number;
  position: number;
  type: string;
  recordedAt: string;
  principal: string;
  actorId: string | null;
  correlationId: string;
  data: Record<string, unknown>;
  hash: string | null;
  prevHash: string | null;
};

export class ListAuditEventsQuery extends Query<{ items: AuditEventItem[]; nextCursor: string | null }> {
  constructor(readonly filters: AuditEventsQuery) {
    super();
  }
}

@QueryHandler(VerifyChainQuery)
export class VerifyChainHandler implements IQueryHandler<VerifyChainQuery> {
  // A check of every stream reads the whole store: callers that ask while one runs share it.
  private running: Promise<ChainReport> | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ stream }: VerifyChainQuery): Promise<ChainReport> {
    if (stream !== null) return verifyStore(this.store, { stream });
    this.running ??= verifyStore(this.store).finally(() => (this.running = null));
    return this.running;
  }
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
const PAGE = 500;

const toItem = (event: RecordedEvent): AuditEventItem => ({
  stream: event.stream,
  revision: event.version,
  position: event.position,
  type: event.type,
  recordedAt: event.metadata.recordedAt,
  principal: event.metadata.principal,
  actorId: event.metadata.actorId,
  correlationId: event.metadata.correlationId,
  data: event.data,
  hash: typeof event.metadata.hash === 'string' ? event.metadata.hash : null,
  prevHash: typeof event.metadata.prevHash === 'string' ? event.metadata.prevHash : null,
});

const invalid = (field: string, message: string) =>
  new ApiError('VALIDATION_FAILED', message, [{ field, errors: [message] }]);

// The audit trail is one stream per day of recording: a period reads the days it spans, in
// order, and pages by (day, revision).
@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filters }: ListAuditEventsQuery) {
    // By default up to now, what was recorded this very millisecond included.
    const to = filters.to ? Date.parse(parseTimeCut(filters.to) as string) : this.clock.now().getTime() + 1;
    const from = Date.parse(parseTimeCut(filters.from) ?? new Date(to - DAY_MS).toISOString());
    if (from >= to) throw invalid('from', 'from must be before to');
    const firstDay = Math.floor(from / DAY_MS);
    const lastDay = Math.floor((to - 1) / DAY_MS);
    if (lastDay - firstDay + 1 > MAX_DAYS) throw invalid('from', `a period spans at most ${MAX_DAYS} days`);
    const limit = filters.limit ?? 100;
    const [cursorDay, cursorRevision] = filters.cursor ? filters.cursor.split('.') : [null, '0'];
    const items: AuditEventItem[] = [];
    for (let day = firstDay; day <= lastDay && items.length <= limit; day++) {
      const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      if (cursorDay !== null && date < cursorDay) continue;
      let fromVersion = date === cursorDay ? Number(cursorRevision) + 1 : 1;
      for (;;) {
        const { events } = await this.store.readStream(auditStream(date), { fromVersion, limit: PAGE });
        for (const event of events) {
          const recorded = Date.parse(event.metadata.recordedAt);
          if (recorded < from || recorded >= to) continue;
          if (filters.type && event.type !== filters.type) continue;
          items.push(toItem(event));
          if (items.length > limit) break;
        }
        if (events.length < PAGE || items.length > limit) break;
        fromVersion = events[events.length - 1].version + 1;
      }
    }
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        items.length > limit ? `${last.stream.slice(AUDIT_STREAM_PREFIX.length)}.${last.revision}` : null,
    };
  }
}
