import { Controller, Get, Inject, OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_STORE, type EventStore, type Position } from '@sales/event-store';
import { EventSelection, readFeedPage } from '@sales/feed';
import { Roles } from '../auth/roles.decorator.js';
import { ErrorDto } from '../common/api-responses.js';
import { ApiError } from '../errors/api-error.js';
import { EventFeedQuery } from './events.dto.js';
import { streamTail } from './event-tail.js';
import { FeedPageDto } from './feed-item.dto.js';

const wantsStream = (request: FastifyRequest) => /\btext\/event-stream\b/.test(request.headers.accept ?? '');

function lastEventId(request: FastifyRequest): Position | null {
  const raw = request.headers['last-event-id'];
  if (raw === undefined) return null;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!/^\d{1,15}$/.test(value.trim()))
    throw new ApiError('VALIDATION_FAILED', 'invalid request: Last-Event-ID', [
      { field: 'Last-Event-ID', errors: ['Last-Event-ID must be a position this feed gave out'] },
    ]);
  return Number(value.trim());
}

@ApiTags('events')
@ApiBearerAuth()
@Roles('service', 'auditor')
@Controller('events')
export class EventsController implements OnModuleDestroy {
  // Ends every live tail when the app closes: an open stream would otherwise hold the server open.
  private readonly closing = new AbortController();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  onModuleDestroy(): void {
    this.closing.abort();
  }

  @Get()
  @ApiOperation({
    summary:
      'The event log for other services, in log order; with Accept: text/event-stream its live tail (SSE)',
    description:
      'JSON: a page of events after `after`. SSE: every event after Last-Event-ID (else `after`) and then each new one as it is appended, one message each with `id: <position>`; a comment line every 15 s keeps the connection open.',
  })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'SSE: resume after this position' })
  @ApiResponse({ status: 200, type: FeedPageDto })
  @ApiResponse({ status: 400, type: ErrorDto })
  @ApiResponse({ status: 401, type: ErrorDto })
  @ApiResponse({ status: 403, type: ErrorDto })
  async feed(
    @Query() query: EventFeedQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const selection: EventSelection = {
      types: query.types ?? null,
      streamPrefix: query.streamPrefix ?? null,
    };
    if (wantsStream(request)) {
      const after = lastEventId(request) ?? query.after ?? null;
      // Not awaited: the tail lives as long as the connection, not as long as the handler.
      void streamTail(request, reply, this.events, after, selection, this.closing.signal);
      return;
    }
    const page = await readFeedPage(this.events, query.after ?? null, query.limit ?? 100, selection);
    await reply.send(page);
  }
}
