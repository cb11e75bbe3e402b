import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppConfig } from '@sales/platform';
import { createApp } from '../../../apps/api/src/create-app.js';
import { Clock } from '../../../apps/api/src/infrastructure/clock.js';
import { KEY_SPECS } from './keys.js';

export type TestApp = {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
};

export function testConfig(dataDir: string, eventStoreUrl: string | null): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    eventStoreUrl,
    mongodbUrl: null,
    mongodbDb: 'sales',
    currency: 'CNY',
    apiKeys: KEY_SPECS,
    projectors: 'inline',
  };
}

export async function startApp(config: AppConfig, clock?: Clock): Promise<TestApp> {
  const { app } = await createApp(config, { logger: false, clock });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
