import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sales/domain';
import { EVENT_STORE, type EventStore, StreamContendedError, VersionConflictError } from '@sales/event-store';
import { AggregateRepository } from './aggregate-repository.js';
import { CommandContext } from './command-context.js';
import { DomainEventLike, envelope } from '@sales/event-store';
import { KeyedMutex } from './keyed-mutex.js';

export type DeciderLike<C, S, E extends DomainEventLike> = {
  initialState: S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S) => E[];
};

export type Executed<S> = { state: S; version: number; position: number | null; events: DomainEventLike[] };

const MAX_ATTEMPTS = 8;

// load → decide → append at the version read; on a conflict (another process wrote) decide again
// against the new state. If-Match turns "decide again" into a VersionConflictError: the caller
// decided against a version. Only domain and event-store port errors leave here; the HTTP layer
// maps them (apps/api/src/errors).
@Injectable()
export class CommandExecutor {
  private readonly mutex = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
  ) {}

  /** Runs `work` while no other command of this process touches `stream`. */
  exclusive<T>(stream: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(stream, work);
  }

  execute<C, S, E extends DomainEventLike>(
    stream: string,
    decider: DeciderLike<C, S, E>,
    command: C | ((state: S) => C | Promise<C>),
    context: CommandContext,
    options: { checkIfMatch?: boolean } = {},
  ): Promise<Executed<S>> {
    return this.mutex.run(stream, async () => {
      if (context.resumed) {
        const done = await this.appendedBefore(stream, decider, context.commandId);
        if (done) return done;
      }
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const { state, version, fromCache } = await this.repository.load(stream, decider);
        // A cached state is only trusted for success, which the append's version check confirms;
        // a refusal (412 or a domain error) is first re-checked against the store.
        const recheck = () => {
          this.repository.forget(stream);
          return fromCache;
        };
        const ifMatch = options.checkIfMatch === false ? null : context.expectedVersion;
        if (ifMatch !== null && ifMatch !== version) {
          if (recheck()) continue;
          throw new VersionConflictError(stream, ifMatch, version);
        }
        let events: E[];
        try {
          // A command may need facts about the state it is decided against (the deal's pipeline).
          const decided =
            typeof command === 'function' ? await (command as (s: S) => C | Promise<C>)(state) : command;
          events = decider.decide(decided, state);
        } catch (error) {
          if (error instanceof DomainError && recheck()) continue;
          throw error;
        }
        if (events.length === 0) return { state, version, position: null, events };
        try {
          const appended = await this.store.append(
            stream,
            events.map((e) => envelope(e, context)),
            version,
          );
          const next = events.reduce(decider.evolve, state);
          this.repository.remember(stream, decider, next, appended.version);
          return { state: next, version: appended.version, position: appended.position, events };
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
          this.repository.forget(stream);
          if (ifMatch !== null) throw new VersionConflictError(stream, ifMatch, error.actualVersion);
        }
      }
      throw new StreamContendedError(stream, MAX_ATTEMPTS);
    });
  }

  // An attempt of this very command (same commandId: same Idempotency-Key) that appended and died
  // before answering: its events stand, and the command answers as that attempt would have.
  private async appendedBefore<C, S, E extends DomainEventLike>(
    stream: string,
    decider: DeciderLike<C, S, E>,
    commandId: string,
  ): Promise<Executed<S> | null> {
    const mine = (await this.repository.readEvents(stream)).filter((e) => e.metadata.commandId === commandId);
    const last = mine[mine.length - 1];
    if (!last) return null;
    const { state } = await this.repository.load(stream, decider, { fresh: true });
    return { state, version: last.version, position: last.position, events: [] };
  }
}
