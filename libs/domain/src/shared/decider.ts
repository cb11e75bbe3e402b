export type Decider<C, S, E> = {
  initialState: S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S) => E[];
};

// Handlers rebuild state from a stream before deciding; this is the one way to do it.
export const evolveAll = <S, E>(
  decider: Pick<Decider<unknown, S, E>, 'initialState' | 'evolve'>,
  events: Iterable<E>,
): S => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
