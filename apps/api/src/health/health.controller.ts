import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@sales/event-store';
import { Public } from '../auth/roles.decorator.js';
import { ApiError } from '../errors/api-error.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  @HttpCode(200)
  async ready() {
    try {
      const position = await this.store.headPosition();
      return { status: 'ready', eventStore: { position } };
    } catch {
      throw new ApiError('SERVICE_UNAVAILABLE', 'the event store is not reachable');
    }
  }
}
