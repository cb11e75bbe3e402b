// One event of an entity's history as the API answers it: the event with its metadata flattened.
export type HistoryEntry = {
  revision: number;
  position: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  principal: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  data: Record<string, unknown>;
  hash: string | null;
  prevHash: string | null;
};
