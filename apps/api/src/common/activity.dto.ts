import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsEntityId, IsOccurredAt, IsText } from './dto-validators.js';

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'quote_sent', 'note', 'task'] as const;

export class LogActivityDto {
  @IsEntityId({ optional: true, description: 'client-chosen id; generated when absent' })
  activityId?: string;

  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES)
  type!: (typeof ACTIVITY_TYPES)[number];

  @IsEntityId({ optional: true, description: 'who did it; defaults to the current owner' })
  performedBy?: string;

  @IsText(200, { optional: true })
  outcome?: string;

  @IsText(5000, { optional: true })
  notes?: string;

  @IsOccurredAt()
  occurredAt?: string;
}

export class OccurredAtDto {
  @IsOccurredAt()
  occurredAt?: string;
}
