import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { AggregateRepository } from './aggregate-repository.js';
import type { CommandResult } from './command-context.js';
import { CommandExecutor } from './command-executor.js';
import { RunCommand } from './command-target.js';

// The one handler of every single-stream command: settle what other streams left half-done,
// then load → decide → append through the executor, check what spans streams, and answer
// {id, version, position}.
@CommandHandler(RunCommand)
export class RunCommandHandler implements ICommandHandler<RunCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
  ) {}

  async execute({ target, request }: RunCommand): Promise<CommandResult> {
    if (target.newStream) this.repository.assumeEmpty(target.stream, target.decider);
    await target.settle?.();
    const now = this.clock.now();
    const result = await this.executor.execute(
      target.stream,
      target.decider,
      (state: unknown) => target.command(state, now),
      { ...request, now },
    );
    if (result.events.length > 0) await target.after?.(result.state);
    return { id: target.id, version: result.version, position: result.position };
  }
}
