import { Inject, Injectable } from '@nestjs/common';
import {
  DealView,
  DomainError,
  dealStream,
  foldDealView,
  foldLeadView,
  LeadView,
  leadStream,
} from '@sales/domain';
import { RecordedEvent } from '@sales/event-store';
import type { HistoryEntry } from '@sales/query';
import { AggregateRepository } from '../commands/aggregate-repository.js';
import { cutEvents, NO_CUTS, TimeCuts } from './time-cut.js';

function toHistory(event: RecordedEvent): HistoryEntry {
  const m = event.metadata;
  return {
    revision: event.version,
    position: event.position,
    type: event.type,
    occurredAt: String(event.data.occurredAt),
    recordedAt: m.recordedAt,
    actorId: m.actorId,
    principal: m.principal,
    commandId: m.commandId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    data: event.data,
    hash: (m.hash as string | undefined) ?? null,
    prevHash: (m.prevHash as string | undefined) ?? null,
  };
}

@Injectable()
export class EntityReads {
  constructor(@Inject(AggregateRepository) private readonly repository: AggregateRepository) {}

  async deal(dealId: string, cuts: TimeCuts = NO_CUTS): Promise<DealView> {
    const view = foldDealView(cutEvents(await this.repository.readEvents(dealStream(dealId)), cuts));
    if (!view) throw notFound('DEAL_NOT_FOUND', `deal ${dealId}`, cuts);
    return view;
  }

  async lead(leadId: string, cuts: TimeCuts = NO_CUTS): Promise<LeadView> {
    const view = foldLeadView(cutEvents(await this.repository.readEvents(leadStream(leadId)), cuts));
    if (!view) throw notFound('LEAD_NOT_FOUND', `lead ${leadId}`, cuts);
    return view;
  }

  async history(kind: 'deal' | 'lead', id: string, cuts: TimeCuts = NO_CUTS): Promise<HistoryEntry[]> {
    const stream = kind === 'deal' ? dealStream(id) : leadStream(id);
    const events = cutEvents(await this.repository.readEvents(stream), cuts);
    if (events.length === 0)
      throw notFound(kind === 'deal' ? 'DEAL_NOT_FOUND' : 'LEAD_NOT_FOUND', `${kind} ${id}`, cuts);
    return events.map(toHistory);
  }
}

function notFound(code: 'DEAL_NOT_FOUND' | 'LEAD_NOT_FOUND', what: string, cuts: TimeCuts): DomainError {
  const when = [cuts.asOf && `as of ${cuts.asOf}`, cuts.knownAt && `as known at ${cuts.knownAt}`].filter(
    Boolean,
  );
  return new DomainError(
    code,
    when.length ? `${what} did not exist ${when.join(', ')}` : `${what} does not exist`,
  );
}
