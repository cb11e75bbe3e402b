import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaptureLead, DisqualifyLead, leadDecider, leadStream, LogLeadActivity } from '@sales/domain';
import { CommandResult, RequestContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { CommandInput, timed } from '../commands/command-input.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';

export type LeadCommandInput = CommandInput<CaptureLead | LogLeadActivity | DisqualifyLead>;

export class RunLeadCommand extends Command<CommandResult> {
  constructor(
    readonly input: LeadCommandInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RunLeadCommand)
export class LeadCommandHandler implements ICommandHandler<RunLeadCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, request }: RunLeadCommand): Promise<CommandResult> {
    const now = this.clock.now();
    const command = timed(input, now) as CaptureLead | LogLeadActivity | DisqualifyLead;
    const result = await this.executor.execute(leadStream(input.leadId), leadDecider, command, {
      ...request,
      now,
    });
    return { id: input.leadId, version: result.version, position: result.position };
  }
}
