import type { ProjectionRecord } from '@sales/read-store';

// A running ProjectionEngine writes `heartbeatAt` into each projection's registry record every
// second; a record that has not been touched for this long has no engine behind it.
const ALIVE_MS = 5000;

export const isRunningElsewhere = (record: ProjectionRecord | undefined, now = Date.now()): boolean =>
  typeof record?.meta.heartbeatAt === 'string' && now - Date.parse(record.meta.heartbeatAt) < ALIVE_MS;
