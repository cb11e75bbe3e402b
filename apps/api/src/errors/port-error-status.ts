import type { EventStorePortError } from '@sales/event-store';
import { assertNever } from '@sales/domain';

export type PortErrorAnswer = {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  /** Seconds, for a Retry-After header: the condition is expected to pass. */
  retryAfter?: number;
};

// Seconds a client should wait before retrying while the event store is down: long enough not to
// hammer a recovering server, short enough that a restart is noticed quickly.
export const EVENT_STORE_RETRY_AFTER_S = 5;

// How the HTTP layer answers the event-store port's errors. A conflict escapes the command path
// only when the caller named a version (If-Match), hence 412.
export function portErrorAnswer(error: EventStorePortError): PortErrorAnswer {
  switch (error.code) {
    case 'VERSION_CONFLICT':
      return {
        status: 412,
        code: 'VERSION_MISMATCH',
        message: `If-Match names version ${String(error.expectedVersion)}, the entity is at version ${error.actualVersion}`,
        details: { expected: error.expectedVersion, actual: error.actualVersion },
      };
    case 'STREAM_CONTENDED':
      return { status: 503, code: 'TOO_MANY_CONFLICTS', message: error.message, retryAfter: 1 };
    case 'EVENT_STORE_UNAVAILABLE':
      return {
        status: 503,
        code: 'EVENT_STORE_UNAVAILABLE',
        message: 'the event store is unavailable; retry later',
        retryAfter: EVENT_STORE_RETRY_AFTER_S,
      };
    default:
      return assertNever(error);
  }
}
