// What a controller hands to a handler: the domain command without what the handler supplies
// (the clock's now, the default occurredAt, facts loaded from other streams).
export type CommandInput<C, Supplied extends string = never> = C extends unknown
  ? Omit<C, 'now' | 'occurredAt' | Supplied> & { occurredAt?: string }
  : never;

export function timed<T extends { occurredAt?: string }>(
  input: T,
  now: Date,
): T & { occurredAt: string; now: string } {
  return { ...input, occurredAt: input.occurredAt ?? now.toISOString(), now: now.toISOString() };
}
