import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator.js';
import { ApiError } from '../errors/api-error.js';
import { StoreHealthIndicators } from './store-health.indicators.js';

// @nestjs/terminus' HealthCheckResult: each indicator's name keyed to {status, …its details}.
const INDICATORS = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string' } } },
};
const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    info: INDICATORS,
    error: INDICATORS,
    details: INDICATORS,
  },
};

// Kubernetes probes: liveness says only that the process answers (restarting it would not help a
// store that is down), readiness that it can serve (both stores reachable, no projection failed).
// 200 when so, 503 otherwise; the body is @nestjs/terminus' result ({status, info, error, details}),
// inside the engine's error body on a 503.
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(StoreHealthIndicators) private readonly stores: StoreHealthIndicators,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: 'alive', schema: HEALTH_SCHEMA })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: event store and read store reachable, no projection failed' })
  @ApiOkResponse({ description: 'ready to serve', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'a store is unreachable or a projection failed' })
  async ready() {
    try {
      return await this.health.check([
        () => this.stores.eventStore(),
        () => this.stores.readStore(),
        () => this.stores.projectionsNotFailed(),
      ]);
    } catch (error) {
      const result = (error as { getResponse?: () => unknown }).getResponse?.() ?? null;
      throw new ApiError('SERVICE_UNAVAILABLE', 'not ready', result);
    }
  }
}
