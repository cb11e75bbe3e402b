import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator.js';
import { ErrorDto } from '../common/api-responses.js';
import { PutWebhookDto, WebhookParams, WebhookViewDto } from './webhook.dto.js';
import { Webhooks } from './webhooks.service.js';

const errors = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, type: ErrorDto })));

// Admin only: a webhook sends the engine's events to an address, signed with a secret.
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles()
@Controller('webhooks')
export class WebhooksController {
  constructor(@Inject(Webhooks) private readonly webhooks: Webhooks) {}

  @Put(':id')
  @ApiOperation({ summary: 'Define or change a webhook; deliveries are signed with its secret' })
  @ApiResponse({ status: 201, type: WebhookViewDto, description: 'created' })
  @ApiResponse({ status: 200, type: WebhookViewDto, description: 'changed' })
  @errors(400, 401, 403, 422)
  async put(
    @Param() { id }: WebhookParams,
    @Body() body: PutWebhookDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookViewDto> {
    const { created, view } = await this.webhooks.put(id, body);
    void reply.status(created ? 201 : 200);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Every webhook with its delivery position, lag and failure (no secrets)' })
  @ApiResponse({ status: 200, type: [WebhookViewDto] })
  @errors(401, 403)
  list(): Promise<WebhookViewDto[]> {
    return this.webhooks.list();
  }

  @Get(':id')
  @ApiResponse({ status: 200, type: WebhookViewDto })
  @errors(400, 401, 403, 404)
  get(@Param() { id }: WebhookParams): Promise<WebhookViewDto> {
    return this.webhooks.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'deleted: no more deliveries' })
  @errors(400, 401, 403, 404)
  async delete(@Param() { id }: WebhookParams): Promise<void> {
    await this.webhooks.delete(id);
  }
}
