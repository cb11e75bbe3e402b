import { EventStoreUnavailableError } from '../event-store.port.js';

// SQLite result codes that say the file cannot be used right now (locked past the busy timeout,
// disk full or failing, unreadable, read-only, not a database): the store is unavailable, which
// the caller may retry, rather than a fault in the request. Other errors pass through.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|PERM|AUTH)/;

export function toUnavailable(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) {
    const reason = error instanceof Error ? error.message : code;
    return new EventStoreUnavailableError(`SQLite event store unavailable (${code}): ${reason}`, {
      cause: error,
    });
  }
  // By message: the native driver's TypeError may come from another realm than this module's.
  if (/database connection is not open/i.test((error as Error | null)?.message ?? '')) {
    return new EventStoreUnavailableError('the event store is closed', { cause: error });
  }
  return error;
}

/** Runs a read against the file, answering an unusable file as EventStoreUnavailableError. */
export function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw toUnavailable(error);
  }
}
