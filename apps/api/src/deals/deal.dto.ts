import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsCalendarDate, IsEntityId, IsMoney, IsOccurredAt, IsText } from '../common/dto-validators.js';

export class DealParams {
  @IsEntityId()
  dealId!: string;
}

export class OpenDealDto {
  @IsEntityId({ optional: true, description: 'client-chosen id; generated when absent' })
  dealId?: string;

  @IsText(200, { example: 'Acme — 200 seats' })
  title!: string;

  @IsEntityId({ example: 'acme' })
  accountId!: string;

  @IsEntityId({ example: 'rep-1' })
  ownerId!: string;

  @IsMoney()
  amount!: number;

  @IsEntityId({ optional: true, description: 'default: default' })
  pipelineId?: string;

  @IsEntityId({ optional: true, description: "default: the pipeline's first stage" })
  stageId?: string;

  @IsText(100, { optional: true })
  source?: string;

  @IsCalendarDate({ nullable: true, description: 'null clears it' })
  expectedCloseDate?: string | null;

  @IsOccurredAt()
  occurredAt?: string;
}

export class AdvanceStageDto {
  @IsEntityId()
  stageId!: string;

  @IsOccurredAt()
  occurredAt?: string;
}

export class CloseDealDto {
  @ApiProperty({ enum: ['won', 'lost'] })
  @IsIn(['won', 'lost'])
  outcome!: 'won' | 'lost';

  @IsText(500, { optional: true, description: 'required when lost' })
  reason?: string;

  @IsMoney({ optional: true, description: 'final amount when won' })
  amount?: number;

  @IsText(200, { optional: true })
  competitor?: string;

  @IsOccurredAt()
  occurredAt?: string;
}

export class ReassignDealDto {
  @IsEntityId()
  ownerId!: string;

  @IsOccurredAt()
  occurredAt?: string;
}

export class UpdateDealDto {
  @IsText(200, { optional: true })
  title?: string;

  @IsMoney({ optional: true })
  amount?: number;

  @IsCalendarDate({ nullable: true, description: 'null clears it' })
  expectedCloseDate?: string | null;

  @IsOccurredAt()
  occurredAt?: string;
}
