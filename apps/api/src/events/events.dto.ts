import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
export const STREAM_PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,160}$/;

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

export class EventFeedQuery {
  @ApiPropertyOptional({
    description: 'events strictly after this position (default: from the start)',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description: 'comma-separated event types, e.g. DealWon,LeadCaptured (default: all)',
    type: String,
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'types must be event type names separated by commas' })
  types?: string[];

  @ApiPropertyOptional({ description: 'only streams whose name starts with this, e.g. deal- or deal-acme' })
  @IsOptional()
  @IsString()
  @Matches(STREAM_PREFIX_PATTERN, { message: 'streamPrefix must match [A-Za-z0-9_.:-]{1,160}' })
  streamPrefix?: string;
}
