import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { quotaDecider, quotaStream, SetQuota } from '@sales/domain';
import { CommandResult, RequestContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { CommandInput, timed } from '../commands/command-input.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';

export class SetQuotaCommand extends Command<CommandResult> {
  constructor(
    readonly input: CommandInput<SetQuota>,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SetQuotaCommand)
export class SetQuotaHandler implements ICommandHandler<SetQuotaCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, request }: SetQuotaCommand): Promise<CommandResult> {
    const now = this.clock.now();
    const stream = quotaStream(input.ownerId, input.period);
    const result = await this.executor.execute(stream, quotaDecider, timed(input, now), { ...request, now });
    return { id: `${input.ownerId}-${input.period}`, version: result.version, position: result.position };
  }
}
