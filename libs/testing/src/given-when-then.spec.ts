import { describe, expect, it } from '@jest/globals';
import { DomainError, type Decider } from '@sales/domain';
import { given, givenEvents } from './given-when-then.js';

type Command = { type: 'Add'; n: number } | { type: 'Fail' } | { type: 'Mutate' };
type Event = { type: 'Added'; n: number };
type State = { total: number };

const counter: Decider<Command, State, Event> = {
  initialState: { total: 0 },
  evolve: (state, event) => ({ total: state.total + event.n }),
  decide: (command, state) => {
    if (command.type === 'Fail') throw new DomainError('VALIDATION_FAILED', 'no', { field: 'n' });
    if (command.type === 'Mutate') (state as { total: number }).total = 99;
    return [{ type: 'Added', n: command.type === 'Add' ? command.n : 0 }];
  },
};

describe('given/when/then', () => {
  it('passes on the expected events and returns the state after them', () => {
    const state = given(counter, [{ type: 'Added', n: 2 }])
      .when({ type: 'Add', n: 3 })
      .then([{ type: 'Added', n: 3 }]);
    expect(state).toEqual({ total: 5 });
  });

  it('fails on other events', () => {
    expect(() =>
      given(counter, [])
        .when({ type: 'Add', n: 3 })
        .then([{ type: 'Added', n: 4 }]),
    ).toThrow();
  });

  it('checks the code and details of a domain error', () => {
    const error = given(counter, []).when({ type: 'Fail' }).thenThrows('VALIDATION_FAILED', { field: 'n' });
    expect(error.message).toBe('no');
    expect(() => given(counter, []).when({ type: 'Fail' }).thenThrows('DEAL_CLOSED')).toThrow();
  });

  it('fails when a decider expected to refuse decides events', () => {
    expect(() => given(counter, []).when({ type: 'Add', n: 1 }).thenThrows('DEAL_CLOSED')).toThrow(
      /expected DomainError DEAL_CLOSED/,
    );
  });

  it('catches a decider that mutates its state', () => {
    expect(() =>
      given(counter, [])
        .when({ type: 'Mutate' })
        .then([{ type: 'Added', n: 0 }]),
    ).toThrow(TypeError);
  });

  it('folds events for views and projections', () => {
    const total = givenEvents<Event>([
      { type: 'Added', n: 1 },
      { type: 'Added', n: 2 },
    ]).fold((sum: number, event) => sum + event.n, 0);
    expect(total).toBe(3);
  });
});
