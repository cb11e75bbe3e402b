import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { IsEntityId, IsOccurredAt, IsProbability, IsText } from '../common/dto-validators.js';

export class PipelineParams {
  @IsEntityId()
  pipelineId!: string;
}

export class StageDto {
  @IsEntityId({ example: 'qualification' })
  id!: string;

  @IsText(100, { example: 'Qualification' })
  name!: string;

  @IsProbability()
  probability!: number;
}

export class DefinePipelineDto {
  @IsText(200, { example: 'Enterprise' })
  name!: string;

  @ApiProperty({ type: [StageDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages!: StageDto[];

  @IsOccurredAt()
  occurredAt?: string;
}
