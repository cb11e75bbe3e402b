import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsEntityId, IsMoney, IsOccurredAt } from '../common/dto-validators.js';

export class QuotaParams {
  @IsEntityId()
  ownerId!: string;

  @ApiProperty({ example: '2026-Q2', description: 'YYYY-MM, YYYY-Qn or YYYY (UTC)' })
  @Matches(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { message: 'period must be YYYY-MM, YYYY-Qn or YYYY' })
  period!: string;
}

export class SetQuotaDto {
  @IsMoney()
  amount!: number;

  @IsOccurredAt()
  occurredAt?: string;
}
