import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@sales/event-store';
import type { ProjectionControl } from '@sales/projections';
import { READ_STORE, type ReadStore } from '@sales/read-store';
import { PROJECTION_ENGINE } from './read-models/read-models.js';
import { AuditLog } from './audit/audit-log.js';
import { API_KEYS, ApiKeys } from './auth/api-keys.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AggregateRepository } from './commands/aggregate-repository.js';
import { CommandExecutor } from './commands/command-executor.js';
import {
  APP_CONFIG,
  AppConfig,
  loadWebhookConfig,
  METRICS,
  Metrics,
  type WebhookConfig,
} from '@sales/platform';
import { HttpErrorFilter } from './errors/http-error.filter.js';
import { HealthController } from './health/health.controller.js';
import { CommandMetrics } from './metrics/command-metrics.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { StoreHealthIndicators } from './health/store-health.indicators.js';
import { CLOCK, Clock, systemClock } from './infrastructure/clock.js';
import { COMMAND_CONTROLLERS, COMMAND_HANDLERS } from './commands.registry.js';
import { QUERY_CONTROLLERS, QUERY_HANDLERS } from './queries.registry.js';
import { FEED_CONTROLLERS, feedProviders } from './feed.registry.js';

export type AppModuleOptions = {
  config: AppConfig;
  keys: ApiKeys;
  eventStore: EventStore;
  readStore: ReadStore;
  projections: ProjectionControl;
  auditLog: AuditLog;
  metrics: Metrics;
  clock?: Clock;
  webhooks?: WebhookConfig;
};

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [
        HealthController,
        MetricsController,
        ...COMMAND_CONTROLLERS,
        ...QUERY_CONTROLLERS,
        ...FEED_CONTROLLERS,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: API_KEYS, useValue: options.keys },
        { provide: EVENT_STORE, useValue: options.eventStore },
        { provide: READ_STORE, useValue: options.readStore },
        { provide: PROJECTION_ENGINE, useValue: options.projections },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: AuditLog, useValue: options.auditLog },
        { provide: METRICS, useValue: options.metrics },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        AggregateRepository,
        CommandExecutor,
        StoreHealthIndicators,
        CommandMetrics,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        ...feedProviders(options.webhooks ?? loadWebhookConfig()),
      ],
    };
  }
}
