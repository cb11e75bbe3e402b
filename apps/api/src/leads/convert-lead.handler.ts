import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ConvertLead,
  DomainError,
  dealDecider,
  dealStream,
  decideConversion,
  leadDecider,
  leadStream,
} from '@sales/domain';
import { EVENT_STORE, type EventStore, VersionConflictError } from '@sales/event-store';
import { AggregateRepository } from '../commands/aggregate-repository.js';
import { CommandContext, CommandResult, RequestContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { CommandInput, timed } from '../commands/command-input.js';
import { envelope } from '../commands/event-envelope.js';
import { ApiError } from '../errors/api-error.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { PipelineLookup } from '../pipelines/pipeline-lookup.js';

export type ConvertLeadResult = CommandResult & { dealId: string; dealVersion: number };

export class ConvertLeadCommand extends Command<ConvertLeadResult> {
  constructor(
    readonly input: CommandInput<ConvertLead, 'pipeline'>,
    readonly request: RequestContext,
  ) {
    super();
  }
}

const MAX_ATTEMPTS = 8;

// Two streams, no multi-stream transaction: the deal is opened first (it records its leadId), then
// the lead is marked converted. A crash between the two leaves an open deal that names the lead;
// the retried conversion sees that and only appends LeadConverted, so the pair always completes.
@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(PipelineLookup) private readonly pipelines: PipelineLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, request }: ConvertLeadCommand): Promise<ConvertLeadResult> {
    const now = this.clock.now();
    const context: CommandContext = { ...request, now };
    const command: ConvertLead = {
      ...timed(input, now),
      pipeline: await this.pipelines.definition(input.pipelineId),
    };
    const lead = leadStream(input.leadId);
    const deal = dealStream(input.dealId);
    return this.executor.exclusive(lead, () =>
      this.executor.exclusive(deal, () => this.convert(command, lead, deal, context)),
    );
  }

  private async convert(
    command: ConvertLead,
    lead: string,
    deal: string,
    context: CommandContext,
  ): Promise<ConvertLeadResult> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const leadState = await this.repository.load(lead, leadDecider);
      const dealState = await this.repository.load(deal, dealDecider);
      if (context.expectedVersion !== null && context.expectedVersion !== leadState.version) {
        throw new ApiError(
          'VERSION_MISMATCH',
          `If-Match names version ${context.expectedVersion}, the lead is at ${leadState.version}`,
          {
            expected: context.expectedVersion,
            actual: leadState.version,
          },
        );
      }
      const resuming =
        dealState.state.status !== 'none' &&
        dealState.state.leadId === command.leadId &&
        leadState.state.status === 'open';
      const cached = leadState.fromCache || dealState.fromCache;
      try {
        let dealVersion = dealState.version;
        let position = 0;
        const leadEvents = resuming
          ? leadDecider.decide(command, leadState.state)
          : await (async () => {
              const decision = decideConversion(command, leadState.state, dealState.state);
              const opened = await this.store.append(
                deal,
                decision.dealEvents.map((e) => envelope(e, context)),
                dealState.version,
              );
              dealVersion = opened.version;
              return decision.leadEvents;
            })();
        const converted = await this.store.append(
          lead,
          leadEvents.map((e) => envelope(e, context)),
          leadState.version,
        );
        position = converted.position;
        return {
          id: command.leadId,
          version: converted.version,
          position,
          dealId: command.dealId,
          dealVersion,
        };
      } catch (error) {
        // A refusal decided on cached state is re-checked against the store before it is final.
        if (error instanceof DomainError && cached) {
          this.repository.forget(lead);
          this.repository.forget(deal);
          continue;
        }
        if (!(error instanceof VersionConflictError)) throw error;
        this.repository.forget(error.stream);
      }
    }
    throw new ApiError('TOO_MANY_CONFLICTS', `lead ${command.leadId} kept changing; retry the conversion`);
  }
}
