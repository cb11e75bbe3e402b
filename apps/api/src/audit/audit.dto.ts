import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsTimeCut } from '../entities/time-cut.js';
import type { AuditEventType } from '@sales/platform';

// Stream names are a kind and an id (`deal-<id>`, `quota-<owner>-<period>`, `audit-<day>`).
export const STREAM_PATTERN = /^[A-Za-z0-9_.:-]{1,160}$/;
export const AUDIT_CURSOR_PATTERN = /^\d{4}-\d{2}-\d{2}\.\d{1,15}$/;
export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = [
  'AccessDenied',
  'AccessDeniedSuppressed',
  'ProjectionRebuildRequested',
  'ProjectionCandidateRequested',
  'ProjectionCandidatePromoted',
  'ProjectionCandidateDropped',
  'ApiKeyCreated',
  'AuditEventsDropped',
];

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'one stream (e.g. deal-acme); every stream when absent' })
  @IsOptional()
  @IsString()
  @Matches(STREAM_PATTERN, { message: 'stream must match [A-Za-z0-9_.:-]{1,160}' })
  stream?: string;
}

export class AuditEventsQuery {
  @IsTimeCut('from', 'recorded at or after (default: 24 hours before `to`)')
  from?: string;

  @IsTimeCut('to', 'recorded before (default: now)')
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(AUDIT_CURSOR_PATTERN, { message: 'cursor is not one this API gave out' })
  cursor?: string;

  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_EVENT_TYPES)
  type?: AuditEventType;
}
