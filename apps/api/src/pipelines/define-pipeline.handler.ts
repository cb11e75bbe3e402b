import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { pipelineDecider, pipelineStream } from '@sales/domain';
import { CommandResult, RequestContext } from '../commands/command-context.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { OpenDealsByStage } from './open-deals-by-stage.js';
import { DefinePipelineDto } from './pipeline.dto.js';

export class DefinePipelineCommand extends Command<CommandResult> {
  constructor(
    readonly pipelineId: string,
    readonly body: DefinePipelineDto,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DefinePipelineCommand)
export class DefinePipelineHandler implements ICommandHandler<DefinePipelineCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OpenDealsByStage) private readonly openDeals: OpenDealsByStage,
  ) {}

  async execute({ pipelineId, body, request }: DefinePipelineCommand): Promise<CommandResult> {
    const now = this.clock.now();
    const openDealsByStage = await this.openDeals.count(pipelineId);
    const command = {
      type: 'DefinePipeline' as const,
      pipelineId,
      name: body.name,
      stages: body.stages.map(({ id, name, probability }) => ({ id, name, probability })),
      openDealsByStage,
      occurredAt: body.occurredAt ?? now.toISOString(),
      now: now.toISOString(),
    };
    const result = await this.executor.execute(pipelineStream(pipelineId), pipelineDecider, command, {
      ...request,
      now,
    });
    return { id: pipelineId, version: result.version, position: result.position };
  }
}
