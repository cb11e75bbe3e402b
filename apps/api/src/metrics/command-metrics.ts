import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RunCommand } from '../commands/command-target.js';
import { toErrorBody } from '../errors/error-response.js';
import { METRICS, Metrics } from './metrics.js';

// The domain command's own type (OpenDeal, AdvanceStage…) where the bus command carries one,
// else the bus command's class (DefinePipelineCommand → DefinePipeline).
export function commandType(command: object): string {
  const input = (command as { input?: { type?: unknown } }).input;
  if (typeof input?.type === 'string') return input.type;
  return command.constructor.name.replace(/Command$/, '');
}

// A RunCommand builds its domain command in the handler, against the stream's state, so its type
// (OpenDeal, AdvanceStage…) is known only then: the target's command() is wrapped to note it. One
// refused before it is built keeps the bus command's name.
function typeProbe(command: object): { command: object; type: () => string } {
  let type = commandType(command);
  if (!(command instanceof RunCommand)) return { command, type: () => type };
  const { target, request } = command;
  const probed = new RunCommand(
    {
      ...target,
      command: async (state: unknown, now: Date) => {
        const built: unknown = await target.command(state, now);
        const name = (built as { type?: unknown } | null)?.type;
        if (typeof name === 'string') type = name;
        return built;
      },
    },
    request,
  );
  return { command: probed, type: () => type };
}

// @nestjs/cqrs has no middleware around execute, and each handler is someone's use case: the bus's
// execute is wrapped once here, so every command is counted by type and outcome (`accepted`, or the
// error code it was refused with: DEAL_CLOSED, VERSION_MISMATCH…) and timed, and no handler knows.
@Injectable()
export class CommandMetrics implements OnModuleInit {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const execute = this.bus.execute.bind(this.bus) as (
      command: object,
      ...rest: unknown[]
    ) => Promise<unknown>;
    const { commands, commandDuration } = this.metrics;
    this.bus.execute = (async (command: object, ...rest: unknown[]) => {
      const probe = typeProbe(command);
      const end = commandDuration.startTimer();
      try {
        const result = await execute(probe.command, ...rest);
        commands.inc({ type: probe.type(), outcome: 'accepted' });
        return result;
      } catch (error) {
        commands.inc({ type: probe.type(), outcome: toErrorBody(error).code });
        throw error;
      } finally {
        end({ type: probe.type() });
      }
    }) as CommandBus['execute'];
  }
}
