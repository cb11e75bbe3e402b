import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type AppendObserver, EventStore, ObservedEventStore } from '@sales/event-store';
import { AuditLog } from './audit/audit-log.js';
import { registerAuditHooks } from './audit/audit-hooks.js';
import { ApiKeys } from './auth/api-keys.js';
import { registerRateLimit } from './auth/rate-limit.js';
import { registerDashboard } from './dashboard/dashboard-assets.js';
import { registerEmptyRouteParams } from './common/empty-route-params.js';
import { loadSecurityConfig, SecurityConfig } from './common/security-config.js';
import { applySecurityHeaders, CORS_OPTIONS, registerSecurityHeaders } from './common/security-headers.js';
import { AppModule } from './app.module.js';
import {
  AppConfig,
  connectMongo,
  createLogger,
  loadWebhookConfig,
  Metrics,
  openEventStore,
  openReadStore,
  startWebhookDelivery,
  WebhookConfig,
} from '@sales/platform';
import { PinoNestLogger } from './logging/pino-nest-logger.js';
import { registerRequestLog, requestId } from './logging/request-log.js';
import { registerHttpMetrics } from './metrics/http-metrics.js';
import { completeDocument } from './openapi/complete-document.js';
import { toErrorBody } from './errors/error-response.js';
import { validationExceptionFactory } from './errors/validation-exception.factory.js';
import { registerJsonBodyParser } from './common/json-body-parser.js';
import { SyncValidationPipe } from './common/sync-validation.pipe.js';
import { registerIdempotency } from './idempotency/idempotency-hooks.js';
import type { IdempotencyStore } from './idempotency/idempotency-store.port.js';
import { Clock, systemClock } from './infrastructure/clock.js';
import { openSharedState } from './infrastructure/shared-state.provider.js';
import { ALL_PROJECTIONS, type Projection, ProjectionEngine, RemoteProjections } from '@sales/projections';
import { ProjectionThreadClient } from './read-models/projection-thread-client.js';
import { seedDefaultPipeline } from './pipelines/default-pipeline.js';
import type { WebhookDispatcher } from '@sales/feed';

export const BODY_LIMIT = 1024 * 1024;

export type CreatedApp = {
  app: NestFastifyApplication;
  createdKey: string | null;
  eventStore: EventStore;
  auditLog: AuditLog;
  metrics: Metrics;
};

export type CreateAppOptions = {
  clock?: Clock;
  /** false: no logs at all (tests); default: JSON lines on stdout at config.logLevel. */
  logger?: boolean;
  eventStore?: EventStore;
  /** default: from the environment (SALES_RATE_LIMIT_PER_MINUTE, SALES_CORS_ORIGINS) */
  security?: Partial<SecurityConfig>;
  /** default: from the environment (SALES_WEBHOOK_HOSTS, SALES_WEBHOOK_*_MS) */
  webhooks?: Partial<WebhookConfig>;
  /** default: the configured store (tests wrap it to stand for a process that dies mid-command) */
  idempotency?: (configured: IdempotencyStore) => IdempotencyStore;
  /**
   * Inline projectors on a worker thread of this process, with their own store connections (what
   * main.ts asks for), instead of on the event loop that serves HTTP. Needs the compiled build: a
   * worker cannot load the TypeScript sources the tests run.
   */
  projectorThread?: boolean;
  /** The projections run here (default ALL_PROJECTIONS); a projector thread always runs ALL_PROJECTIONS. */
  projections?: Projection[];
};

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<CreatedApp> {
  const security = { ...loadSecurityConfig(), ...options.security };
  const webhooks = { ...loadWebhookConfig(), ...options.webhooks };
  const mongo = await connectMongo(config);
  const opened = openSharedState(config, mongo);
  const shared = { ...opened, idempotency: options.idempotency?.(opened.idempotency) ?? opened.idempotency };
  const { keys, createdKey } = config.apiKeys
    ? { keys: ApiKeys.fromSpecs(config.apiKeys), createdKey: null }
    : (({ keys: k, created }) => ({ keys: k, createdKey: created }))(
        await ApiKeys.loadOrCreate(shared.generatedKeys),
      );
  const metrics = new Metrics();
  const thread =
    config.projectors === 'inline' && options.projectorThread
      ? new ProjectionThreadClient(config, (message) => logger.error({ context: 'Projections' }, message))
      : null;
  const observer: AppendObserver = thread
    ? {
        appended: (observation) => {
          metrics.appended(observation);
          if (observation.outcome === 'ok') thread.appended();
        },
      }
    : metrics;
  const eventStore = new ObservedEventStore(options.eventStore ?? (await openEventStore(config)), observer);
  await seedDefaultPipeline(eventStore);
  const readStore = await openReadStore(config, mongo);
  const definitions = options.projections ?? ALL_PROJECTIONS;
  // Inline: this process runs the projectors (embedded default); external: a projector worker does.
  const engine =
    config.projectors === 'inline'
      ? (thread ?? new ProjectionEngine(definitions, eventStore, readStore, { dropDelayMs: 10_000 }))
      : null;
  const projections = engine ?? new RemoteProjections(definitions, eventStore, readStore);
  metrics.watchProjections(projections);
  const auditLog = new AuditLog(eventStore, options.clock ?? systemClock);
  if (createdKey) {
    auditLog.record({
      type: 'ApiKeyCreated',
      data: { name: 'admin', role: 'admin', reason: 'first start without SALES_API_KEYS' },
      principal: null,
      actorId: null,
    });
  }

  const logger = createLogger('sales-api', options.logger === false ? 'silent' : (config.logLevel ?? 'info'));
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Fastify's own two records per request are off: request-log.ts writes one, with more in it.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // What the router refuses before any route runs (a malformed URL, an over-long parameter)
    // gets the same error body as everything else.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error);
      applySecurityHeaders(request.url ?? '', reply);
      void reply.code(body.statusCode).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      keys,
      eventStore,
      readStore,
      projections,
      auditLog,
      metrics,
      clock: options.clock,
      webhooks,
    }),
    adapter,
    {
      logger: options.logger === false ? false : new PinoNestLogger(logger),
      abortOnError: false,
      bodyParser: false,
    },
  );
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(
    new SyncValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  registerEmptyRouteParams(fastify);
  registerRequestLog(fastify);
  registerHttpMetrics(fastify, metrics);
  registerSecurityHeaders(fastify);
  if (security.corsOrigins.length > 0) app.enableCors({ ...CORS_OPTIONS, origin: security.corsOrigins });
  registerRateLimit(fastify, keys, security.rateLimitPerMinute);
  registerAuditHooks(fastify, auditLog);
  registerJsonBodyParser(fastify);
  registerIdempotency(fastify, keys, shared.idempotency);
  registerDashboard(fastify);
  let delivery: WebhookDispatcher | null = null;
  fastify.addHook('onClose', async () => {
    await auditLog.close();
    await delivery?.stop();
    await engine?.stop();
    await shared.idempotency.close();
    await readStore.close();
    await mongo?.close();
    await eventStore.close();
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sales engine')
      .setDescription('Commands, entity reads and reports of the event-sourced sales engine (contract v1).')
      .setVersion('1')
      // An opaque API key, not a JWT (DocumentBuilder's default format would say so).
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: undefined,
        description: 'an API key of SALES_API_KEYS (or the generated admin key)',
      })
      .build(),
  );
  completeDocument(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
  await app.init();
  await engine?.start();
  // Webhooks are delivered by the process that runs the projectors.
  delivery = engine
    ? startWebhookDelivery(eventStore, readStore, webhooks, {
        metrics,
        log: logger.child({ context: 'Webhooks' }),
      })
    : null;
  return { app, createdKey, eventStore, auditLog, metrics };
}
