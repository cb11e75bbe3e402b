// Who asks, on whose behalf, and under which conditions: everything about a command that is not
// the command itself. The HTTP layer builds the request part; the handler adds the clock's now.
export type RequestContext = {
  commandId: string;
  correlationId: string;
  causationId: string;
  principal: string;
  actorId: string | null;
  /** From If-Match: the stream version the caller decided against. */
  expectedVersion: number | null;
  /**
   * An earlier attempt of this request (same Idempotency-Key, same commandId) may have appended
   * and died before answering: look for its events before deciding again.
   */
  resumed: boolean;
};

export type CommandContext = RequestContext & { now: Date };

export type CommandResult = { id: string; version: number; position: number | null };
