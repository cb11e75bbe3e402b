import request from 'supertest';
import { AppConfig } from '@sales/platform';
import { createApp, CreateAppOptions } from '../../../apps/api/src/create-app.js';
import type { AuditLog } from '../../../apps/api/src/audit/audit-log.js';
import type { TestApp } from './test-app.js';

// startApp with the options test-app.ts does not pass on: security settings, a wrapped event store.
export async function startAppWith(
  config: AppConfig,
  options: CreateAppOptions,
): Promise<TestApp & { auditLog: AuditLog }> {
  const { app, auditLog } = await createApp(config, { logger: false, ...options });
  await app.getHttpAdapter().getInstance().ready();
  return { app, auditLog, http: () => request(app.getHttpServer()), close: () => app.close() };
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}
