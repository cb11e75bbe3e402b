import { Inject, Injectable } from '@nestjs/common';
import {
  dealDecider,
  dealStream,
  DomainError,
  type LeadConverted,
  leadDecider,
  leadStream,
  openConvertedDeal,
} from '@sales/domain';
import { EVENT_STORE, type EventStore, Position } from '@sales/event-store';
import { AggregateRepository } from '../commands/aggregate-repository.js';
import type { CommandContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { systemContext } from '@sales/event-store';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { StageGuard } from '../pipelines/stage-guard.js';

export type Finished =
  { outcome: 'opened'; dealVersion: number; position: Position | null } | { outcome: 'reverted' };

// The second half of a lead's conversion, for whoever gets there: the converting request, a
// command on the lead or its deal, or the sweep after a restart. Opening the deal expects an empty
// deal stream, so of several processes finishing the same conversion at once exactly one appends;
// the others find the deal opened from this lead and are done. A deal id taken by anything else
// cannot be opened any more: the conversion is reverted on the lead, which is open again.
@Injectable()
export class ConversionCompleter {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(StageGuard) private readonly stages: StageGuard,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async finish(converted: LeadConverted, context: CommandContext): Promise<Finished> {
    const { leadId, dealId } = converted.data;
    try {
      const opened = await this.executor.execute(
        dealStream(dealId),
        dealDecider,
        openConvertedDeal(converted),
        { ...context, expectedVersion: null },
      );
      const { pipelineId, stageId } = converted.data.deal ?? {};
      if (pipelineId && stageId) await this.stages.afterEntry(pipelineId, stageId);
      return { outcome: 'opened', dealVersion: opened.version, position: opened.position };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'DEAL_EXISTS')) throw error;
    }
    const deal = await this.repository.load(dealStream(dealId), dealDecider, { fresh: true });
    if (deal.state.status !== 'none' && deal.state.leadId === leadId) {
      const first = await this.store.readStream(dealStream(dealId), { limit: 1 });
      return { outcome: 'opened', dealVersion: deal.version, position: first.events[0]?.position ?? null };
    }
    // A command of its own (the conversion's identity would find the conversion and stop there),
    // in the conversion's correlation.
    const revert = systemContext(context.now, {
      correlationId: context.correlationId,
      principal: context.principal,
      actorId: context.actorId,
    });
    await this.executor.execute(
      leadStream(leadId),
      leadDecider,
      { type: 'RevertConversion', leadId, dealId, reason: 'DEAL_EXISTS' },
      revert,
    );
    return { outcome: 'reverted' };
  }

  /**
   * Finishes the lead's conversion if its deal was never opened. `fresh` reads the lead from the
   * store; otherwise a cached state is trusted (a lead cached as open has nothing to finish here,
   * and the sweep covers what another process converted meanwhile).
   */
  async settleLead(leadId: string, { fresh = false } = {}): Promise<Finished | null> {
    const lead = await this.repository.load(leadStream(leadId), leadDecider, { fresh });
    if (lead.state.status !== 'converted' || lead.state.deal === null) return null;
    const { dealId, deal: carried, convertedAt, ownerId, source, capturedAt } = lead.state;
    const deal = await this.repository.load(dealStream(dealId), dealDecider);
    if (deal.state.status !== 'none' && deal.state.leadId === leadId) return null;
    const converted: LeadConverted = {
      type: 'LeadConverted',
      data: { leadId, dealId, ownerId, source, capturedAt, deal: carried, occurredAt: convertedAt },
    };
    return this.finish(converted, await this.conversionContext(leadId));
  }

  // The deal is the second half of the command that converted the lead: it goes on with that
  // command's identity (an attempt of it resumed: its own events are looked for first), so that
  // the converting request, retried anywhere, finds its DealOpened under its own commandId.
  private async conversionContext(leadId: string): Promise<CommandContext> {
    const now = this.clock.now();
    const { events } = await this.store.readStream(leadStream(leadId), { backwards: true, limit: 10 });
    const metadata = events.find((e) => e.type === 'LeadConverted')?.metadata;
    if (!metadata) return systemContext(now);
    return {
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      principal: metadata.principal,
      actorId: metadata.actorId,
      expectedVersion: null,
      resumed: true,
      now,
    };
  }
}
