import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export const TIME_CUT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

// A bare date means its 00:00Z.
export function parseTimeCut(value: string | undefined): string | null {
  if (value === undefined) return null;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export class AsOfQuery {
  @ApiPropertyOptional({
    description: 'state from the events with occurredAt ≤ asOf (timestamp, or a date = its 00:00Z)',
  })
  @IsOptional()
  @Matches(TIME_CUT_PATTERN, {
    message: 'asOf must be an ISO-8601 timestamp with a zone, or a date YYYY-MM-DD',
  })
  asOf?: string;
}
