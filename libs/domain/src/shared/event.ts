export type EventOf<T extends string, D extends object> = {
  type: T;
  data: D & { occurredAt: string };
};

// Time enters only on the command: `occurredAt` is business time (defaulted to now by the
// handler), `now` is the injected clock, used only to refuse events dated in the future.
export type CommandTime = { occurredAt: string; now: string };
