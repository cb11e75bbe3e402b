import { expect } from '@jest/globals';
import { DomainError, type Decider, type DomainErrorCode } from '@sales/domain';
import { deepFreeze } from './deep-freeze.js';

export type Outcome<S, E> = {
  // Asserts the decided events, checks they evolve cleanly, and returns the state after them.
  then: (expected: E[]) => S;
  thenThrows: (code: DomainErrorCode, details?: Record<string, unknown>) => DomainError;
};

export type Scenario<C, S, E> = { when: (command: C) => Outcome<S, E> };

const describeOutcome = (run: () => unknown): { events?: unknown; error?: unknown } => {
  try {
    return { events: run() };
  } catch (error) {
    return { error };
  }
};

export const given = <C, S, E>(decider: Decider<C, S, E>, events: NoInfer<E>[] = []): Scenario<C, S, E> => ({
  when: (command: C): Outcome<S, E> => {
    const state = events.reduce<S>(
      (current, event) => deepFreeze(decider.evolve(current, deepFreeze(event))),
      deepFreeze(decider.initialState),
    );
    const frozenCommand = deepFreeze(structuredClone(command));
    const decide = (): E[] => decider.decide(frozenCommand, state);
    return {
      then: (expected) => {
        const outcome = describeOutcome(decide);
        if ('error' in outcome) throw outcome.error;
        const decided = outcome.events as E[];
        expect(decided).toEqual(expected);
        // Deciding twice from the same inputs must give the same events: replays depend on it.
        expect(decide()).toEqual(decided);
        return decided.reduce<S>((current, event) => decider.evolve(current, event), state);
      },
      thenThrows: (code, details) => {
        const outcome = describeOutcome(decide);
        if (!('error' in outcome)) {
          throw new Error(
            `expected DomainError ${code}, but the decider returned ${JSON.stringify(outcome.events)}`,
          );
        }
        expect(outcome.error).toBeInstanceOf(DomainError);
        const error = outcome.error as DomainError;
        expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.any(String) });
        if (details) expect(error.details).toMatchObject(details);
        return error;
      },
    };
  },
});

// For folds (views, projections): every intermediate result is frozen, so an evolve that
// mutates what it was given fails the test.
export const givenEvents = <E>(events: E[]) => ({
  fold: <V>(evolve: (value: V, event: E) => V, initial: V): V =>
    events.reduce<V>(
      (value, event) => deepFreeze(evolve(value, deepFreeze(structuredClone(event)))),
      deepFreeze(initial),
    ),
});
