import { Command } from '@nestjs/cqrs';
import type { CommandResult, RequestContext } from './command-context.js';
import type { DeciderLike } from './command-executor.js';
import type { DomainEventLike } from '@sales/event-store';

// What any single-stream command is: a decider, the stream it decides on, the id the response
// names, and the domain command built against the state it is decided on (a deal command needs
// its pipeline's definition) at the clock's now.
export type CommandTarget<C, S, E extends DomainEventLike> = {
  /** The domain command's name (OpenDeal, SetQuota…), for metrics and logs. */
  type: string;
  decider: DeciderLike<C, S, E>;
  stream: string;
  id: string;
  command: (state: S, now: Date) => C | Promise<C>;
  /**
   * The server generated the stream's id for this very command: the stream is taken to be empty
   * without reading it. The append's version check confirms it; should it not be, the conflict
   * reads the stream and the command is decided again.
   */
  newStream?: boolean;
  /** Runs first, outside the stream's lock: finishes work other streams left half-done. */
  settle?: () => Promise<void>;
  /** Runs once events were appended, with the state after them: checks rules that span streams. */
  after?: (state: S) => Promise<void>;
};

// Inference helper: ties C, S and E together where a target is written.
export const commandTarget = <C, S, E extends DomainEventLike>(
  target: CommandTarget<C, S, E>,
): CommandTarget<C, S, E> => target;

export class RunCommand extends Command<CommandResult> {
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the handler is generic over every target
    readonly target: CommandTarget<any, any, any>,
    readonly request: RequestContext,
  ) {
    super();
  }
}
