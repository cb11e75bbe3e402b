import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  ValidateIf,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsEntityId } from '../common/dto-validators.js';
import { EVENT_TYPE_PATTERN, STREAM_PREFIX_PATTERN } from '../events/events.dto.js';

export class WebhookParams {
  @IsEntityId({ description: 'the webhook id, chosen by the admin' })
  id!: string;
}

export class PutWebhookDto {
  @ApiProperty({
    example: 'https://invoicing.internal/hooks/sales',
    description: 'http(s); its host must be in SALES_WEBHOOK_HOSTS',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['DealWon'],
    description: 'event types to deliver (default: all)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'each of types must be an event type name' })
  types?: string[];

  @ApiPropertyOptional({ example: 'deal-', description: 'only streams whose name starts with this' })
  @IsOptional()
  @IsString()
  @Matches(STREAM_PREFIX_PATTERN, { message: 'streamPrefix must match [A-Za-z0-9_.:-]{1,160}' })
  streamPrefix?: string;

  @ApiProperty({
    minLength: 16,
    maxLength: 256,
    description: 'signs each delivery (HMAC-SHA256); never returned',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret!: string;

  @ApiPropertyOptional({
    minimum: 0,
    nullable: true,
    type: Number,
    description:
      'deliver the events after this position; null: the whole log. Default: a new webhook starts at the head, a changed one keeps its position',
  })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number | null;
}

export class WebhookViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String], nullable: true }) types!: string[] | null;
  @ApiProperty({ type: String, nullable: true }) streamPrefix!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the last event delivered (or passed over by the filter)',
  })
  position!: number | null;
  @ApiProperty({ description: `events of this webhook not yet delivered (counted up to 1000)` })
  lag!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'since when the current event keeps failing' })
  failingSince!: string | null;
  @ApiProperty({ description: 'failed attempts at the current event' }) attempts!: number;
}
