// The client's errors, in the port's terms. Anything the port has no word for passes through.
import { DeadlineExceededError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreUnavailableError, ExpectedVersion, VersionConflictError } from '../event-store.port.js';
import { versionOf } from './esdb-event-mapping.js';

const GRPC_UNAVAILABLE = 14;

export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    (error instanceof Error && (error as { code?: unknown }).code === GRPC_UNAVAILABLE)
  );
}

export function toPortError(error: unknown, stream?: string, expected?: ExpectedVersion): unknown {
  if (error instanceof WrongExpectedVersionError && stream !== undefined && expected !== undefined) {
    const actual = typeof error.actualVersion === 'bigint' ? versionOf(error.actualVersion) : 0;
    return new VersionConflictError(stream, expected, actual);
  }
  if (isUnavailable(error)) {
    const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
    return new EventStoreUnavailableError(`EventStoreDB unavailable${reason}`, { cause: error });
  }
  return error;
}
