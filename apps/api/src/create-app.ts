import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventStore } from '@sales/event-store';
import { ApiKeys } from './auth/api-keys.js';
import { AppModule } from './app.module.js';
import { AppConfig, dataFile } from './config/app-config.js';
import { validationExceptionFactory } from './errors/validation-exception.factory.js';
import { registerJsonBodyParser } from './common/json-body-parser.js';
import { registerIdempotency } from './idempotency/idempotency-hooks.js';
import { SqliteIdempotencyStore } from './idempotency/idempotency-store.js';
import { Clock } from './infrastructure/clock.js';
import { openEventStore } from './infrastructure/event-store.provider.js';
import { seedDefaultPipeline } from './pipelines/default-pipeline.js';

export const BODY_LIMIT = 1024 * 1024;

export type CreatedApp = { app: NestFastifyApplication; createdKey: string | null; eventStore: EventStore };

export async function createApp(
  config: AppConfig,
  options: { clock?: Clock; logger?: boolean; eventStore?: EventStore } = {},
): Promise<CreatedApp> {
  const { keys, createdKey } = config.apiKeys
    ? { keys: ApiKeys.fromSpecs(config.apiKeys), createdKey: null }
    : (({ keys: k, created }) => ({ keys: k, createdKey: created }))(
        ApiKeys.loadOrCreate(dataFile(config, 'api-keys.json')),
      );
  const eventStore = options.eventStore ?? (await openEventStore(config));
  await seedDefaultPipeline(eventStore);

  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: false });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, keys, eventStore, clock: options.clock }),
    adapter,
    {
      logger: options.logger === false ? false : ['log', 'warn', 'error'],
      abortOnError: false,
      bodyParser: false,
    },
  );
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  const idempotency = new SqliteIdempotencyStore(dataFile(config, 'idempotency.db'));
  registerIdempotency(fastify, keys, idempotency);
  fastify.addHook('onClose', async () => {
    idempotency.close();
    await eventStore.close();
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sales engine')
      .setDescription('Commands, entity reads and reports of the event-sourced sales engine (contract v1).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
  await app.init();
  return { app, createdKey, eventStore };
}
