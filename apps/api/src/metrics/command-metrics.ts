import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { toErrorBody } from '../errors/error-response.js';
import { METRICS, Metrics } from '@sales/platform';

// The domain command's own type (OpenDeal, AdvanceStage…) where the bus command carries one (its
// target's, or its input's), else the bus command's class (ConvertLeadCommand → ConvertLead).
export function commandType(command: object): string {
  const { input, target } = command as { input?: { type?: unknown }; target?: { type?: unknown } };
  if (typeof target?.type === 'string') return target.type;
  if (typeof input?.type === 'string') return input.type;
  return command.constructor.name.replace(/Command$/, '');
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
      const type = commandType(command);
      const end = commandDuration.startTimer({ type });
      try {
        const result = await execute(command, ...rest);
        commands.inc({ type, outcome: 'accepted' });
        return result;
      } catch (error) {
        commands.inc({ type, outcome: toErrorBody(error).code });
        throw error;
      } finally {
        end();
      }
    }) as CommandBus['execute'];
  }
}
