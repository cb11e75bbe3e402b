import { Inject } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ConvertLead,
  convertedDealOf,
  conversionOf,
  dealDecider,
  dealStream,
  decideConversion,
  DomainError,
  LeadConverted,
  leadDecider,
  LeadState,
  leadStream,
} from '@sales/domain';
import { AggregateRepository } from '../commands/aggregate-repository.js';
import { CommandContext, CommandResult, RequestContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { CommandInput, timed } from '../commands/command-input.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { PipelineLookup } from '../pipelines/pipeline-lookup.js';
import { ConversionCompleter } from './conversion-completer.js';

export type ConvertLeadResult = CommandResult & { dealId: string; dealVersion: number };

export class ConvertLeadCommand extends Command<ConvertLeadResult> {
  constructor(
    readonly input: CommandInput<ConvertLead, 'pipeline'>,
    readonly request: RequestContext,
  ) {
    super();
  }
}

// Two streams, no multi-stream transaction, so the lead stream is the commit point: LeadConverted
// is appended first, through the executor, at the lead's version (a disqualification racing it
// either lands first and the conversion is refused, or lands second and is refused). It carries
// the deal it opens; the completer then opens that deal on an empty deal stream. A crash in
// between is finished by the next command on the lead or the deal, or by the sweep on start.
@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(PipelineLookup) private readonly pipelines: PipelineLookup,
    @Inject(ConversionCompleter) private readonly completer: ConversionCompleter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, request }: ConvertLeadCommand): Promise<ConvertLeadResult> {
    await this.completer.settleLead(input.leadId);
    const now = this.clock.now();
    const context: CommandContext = { ...request, now };
    const command: ConvertLead = {
      ...timed(input, now),
      pipeline: await this.pipelines.definition(input.pipelineId),
    };
    const done = await this.alreadyDone(command, context);
    if (done) return done;
    const committed = await this.executor.execute(
      leadStream(input.leadId),
      leadDecider,
      (lead) => this.checked(command, lead),
      context,
    );
    // No events: an earlier attempt of this request (same Idempotency-Key) committed it and died.
    const converted = conversionOf(committed.events) ?? recordedConversion(committed.state);
    // …and a conversion that was reverted since (its deal id taken) answers as that attempt did.
    if (!converted)
      throw new DomainError('DEAL_EXISTS', `deal ${input.dealId} already exists`, { dealId: input.dealId });
    const finished = await this.completer.finish(converted, context);
    if (finished.outcome === 'reverted') {
      throw new DomainError('DEAL_EXISTS', `deal ${input.dealId} already exists`, { dealId: input.dealId });
    }
    return {
      id: input.leadId,
      version: committed.version,
      position: finished.position ?? committed.position,
      dealId: input.dealId,
      dealVersion: finished.dealVersion,
    };
  }

  // A retry of a conversion that failed after its commit (a 503, a dropped connection) finds it
  // done: the same deal id with the same deal answers as the first attempt would have.
  private async alreadyDone(
    command: ConvertLead,
    context: CommandContext,
  ): Promise<ConvertLeadResult | null> {
    const lead = await this.repository.load(leadStream(command.leadId), leadDecider);
    const { state } = lead;
    if (state.status !== 'converted' || state.dealId !== command.dealId || state.deal === null) return null;
    let asked;
    try {
      asked = convertedDealOf(command);
    } catch {
      return null;
    }
    if (!isDeepStrictEqual(asked, state.deal)) return null;
    const converted = recordedConversion(state);
    if (!converted) return null;
    const finished = await this.completer.finish(converted, context);
    if (finished.outcome === 'reverted') return null;
    const { leadId, dealId } = converted.data;
    return {
      id: leadId,
      version: lead.version,
      position: finished.position,
      dealId,
      dealVersion: finished.dealVersion,
    };
  }

  // Both halves are decided before the first is appended: an existing deal id or an unknown stage
  // refuses the conversion with nothing written. A deal already opened from this lead is the
  // first half of a conversion recorded in the former order (deal first): only the lead is left.
  private async checked(command: ConvertLead, lead: LeadState): Promise<ConvertLead> {
    const deal = await this.repository.load(dealStream(command.dealId), dealDecider, { fresh: true });
    const openedFromLead = deal.state.status !== 'none' && deal.state.leadId === command.leadId;
    if (!openedFromLead) decideConversion(command, lead, deal.state);
    return command;
  }
}

// The conversion a converted lead records, as the event that committed it.
function recordedConversion(state: LeadState): LeadConverted | null {
  if (state.status !== 'converted' || state.deal === null) return null;
  const { leadId, dealId, ownerId, source, capturedAt, convertedAt, deal } = state;
  return {
    type: 'LeadConverted',
    data: { leadId, dealId, ownerId, source, capturedAt, deal, occurredAt: convertedAt },
  };
}
