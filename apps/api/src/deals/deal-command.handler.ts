import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DealCommand, dealDecider, DealState, dealStream } from '@sales/domain';
import { CommandResult, RequestContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { CommandInput, timed } from '../commands/command-input.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { PipelineLookup } from '../pipelines/pipeline-lookup.js';

export type DealCommandInput = CommandInput<DealCommand, 'pipeline'>;

export class RunDealCommand extends Command<CommandResult> {
  constructor(
    readonly input: DealCommandInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RunDealCommand)
export class DealCommandHandler implements ICommandHandler<RunDealCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(PipelineLookup) private readonly pipelines: PipelineLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, request }: RunDealCommand): Promise<CommandResult> {
    const now = this.clock.now();
    const timedInput = timed(input, now);
    const command = async (state: DealState) =>
      ({ ...timedInput, pipeline: await this.pipelineFor(input, state) }) as DealCommand;
    const result = await this.executor.execute(dealStream(input.dealId), dealDecider, command, {
      ...request,
      now,
    });
    return { id: input.dealId, version: result.version, position: result.position };
  }

  // Only the commands that move a deal between stages need its pipeline's current definition.
  private async pipelineFor(input: DealCommandInput, state: DealState) {
    switch (input.type) {
      case 'OpenDeal':
        return this.pipelines.definition(input.pipelineId);
      case 'AdvanceStage':
      case 'ReopenDeal':
        return state.status === 'none' ? null : this.pipelines.definition(state.pipelineId);
      default:
        return undefined;
    }
  }
}
