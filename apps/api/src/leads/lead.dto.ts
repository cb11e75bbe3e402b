import { IsCalendarDate, IsEntityId, IsMoney, IsOccurredAt, IsText } from '../common/dto-validators.js';

export class LeadParams {
  @IsEntityId()
  leadId!: string;
}

export class CaptureLeadDto {
  @IsEntityId({ optional: true, description: 'client-chosen id; generated when absent' })
  leadId?: string;

  @IsText(100, { example: 'webinar' })
  source!: string;

  @IsText(200, { example: 'Acme Ltd' })
  company!: string;

  @IsText(200, { optional: true, example: 'Li Wei' })
  contact?: string;

  @IsEntityId({ example: 'rep-1' })
  ownerId!: string;

  @IsOccurredAt()
  occurredAt?: string;
}

export class ConvertLeadDto {
  @IsEntityId({ optional: true })
  dealId?: string;

  @IsText(200)
  title!: string;

  @IsEntityId()
  accountId!: string;

  @IsMoney()
  amount!: number;

  @IsEntityId({ optional: true, description: 'default: default' })
  pipelineId?: string;

  @IsEntityId({ optional: true, description: "default: the pipeline's first stage" })
  stageId?: string;

  @IsCalendarDate({ optional: true })
  expectedCloseDate?: string;

  @IsOccurredAt()
  occurredAt?: string;
}

export class DisqualifyLeadDto {
  @IsText(500)
  reason!: string;

  @IsOccurredAt()
  occurredAt?: string;
}
