import type { Position } from '@sales/event-store';

// A webhook as an admin defined it. The secret is kept so that deliveries can be signed with it;
// it never leaves the engine in an answer.
export type WebhookDefinition = {
  id: string;
  url: string;
  types: string[] | null;
  streamPrefix: string | null;
  secret: string;
  createdAt: string;
  updatedAt: string;
};

// Where delivery stands: the position of the last event delivered (or stepped over by the
// webhook's filter), and the failure under way, if any.
export type WebhookProgress = {
  position: Position | null;
  lastError: string | null;
  failingSince: string | null;
  attempts: number;
  updatedAt: string;
};

export const initialProgress = (position: Position | null, now: string): WebhookProgress => ({
  position,
  lastError: null,
  failingSince: null,
  attempts: 0,
  updatedAt: now,
});
