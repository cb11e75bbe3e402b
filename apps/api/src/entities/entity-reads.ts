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
import { AggregateRepository } from '../commands/aggregate-repository.js';

export type HistoryEntry = {
  revision: number;
  position: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  principal: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  data: Record<string, unknown>;
  hash: string | null;
  prevHash: string | null;
};

// Business time only moves forward on an entity (OUT_OF_ORDER), so "as of" is a prefix of the stream.
const upTo = (events: RecordedEvent[], asOf: string | null) =>
  asOf === null ? events : events.filter((e) => Date.parse(String(e.data.occurredAt)) <= Date.parse(asOf));

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

  async deal(dealId: string, asOf: string | null): Promise<DealView> {
    const view = foldDealView(upTo(await this.repository.readEvents(dealStream(dealId)), asOf));
    if (!view) throw notFound('DEAL_NOT_FOUND', `deal ${dealId}`, asOf);
    return view;
  }

  async lead(leadId: string, asOf: string | null): Promise<LeadView> {
    const view = foldLeadView(upTo(await this.repository.readEvents(leadStream(leadId)), asOf));
    if (!view) throw notFound('LEAD_NOT_FOUND', `lead ${leadId}`, asOf);
    return view;
  }

  async history(kind: 'deal' | 'lead', id: string): Promise<HistoryEntry[]> {
    const events = await this.repository.readEvents(kind === 'deal' ? dealStream(id) : leadStream(id));
    if (events.length === 0)
      throw notFound(kind === 'deal' ? 'DEAL_NOT_FOUND' : 'LEAD_NOT_FOUND', `${kind} ${id}`, null);
    return events.map(toHistory);
  }
}

function notFound(code: 'DEAL_NOT_FOUND' | 'LEAD_NOT_FOUND', what: string, asOf: string | null): DomainError {
  return new DomainError(code, asOf ? `${what} did not exist as of ${asOf}` : `${what} does not exist`);
}
