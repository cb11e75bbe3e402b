import { ApiProperty } from '@nestjs/swagger';

// The OpenAPI shape of PipelineView: the definition in force now.
export class PipelineStageViewDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    description: 'probability of winning from this stage',
  })
  probability!: number;
}

export class PipelineViewDto {
  @ApiProperty({ type: String }) pipelineId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, format: 'date-time' }) definedAt!: string;
  @ApiProperty({ type: [PipelineStageViewDto] }) stages!: PipelineStageViewDto[];
}
