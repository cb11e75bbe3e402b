import { ApiProperty } from '@nestjs/swagger';

// The OpenAPI shape of GenerationDiff (libs/projections), as GET /v1/projections/:name/diff answers it.
export class DiffCountsDto {
  @ApiProperty({ type: Number, description: 'in the candidate only' }) added!: number;
  @ApiProperty({ type: Number, description: 'in the serving generation only' }) removed!: number;
  @ApiProperty({ type: Number, description: 'in both, with other fields' }) changed!: number;
  @ApiProperty({ type: Number, description: 'in both, the same' }) unchanged!: number;
}

const DOCUMENT = {
  type: 'object',
  nullable: true,
  additionalProperties: true,
  description: "the document's own fields (without _id, _position and the version starts); null where absent",
} as const;

export class DiffSampleDto {
  @ApiProperty({ type: String, example: 'deals/d-1', description: '<collection>/<id>' }) key!: string;
  @ApiProperty(DOCUMENT) serving!: Record<string, unknown> | null;
  @ApiProperty(DOCUMENT) candidate!: Record<string, unknown> | null;
}

export class GenerationDiffDto {
  @ApiProperty({ type: Number, description: 'the serving generation' }) serving!: number;
  @ApiProperty({ type: Number, description: 'the candidate generation' }) candidate!: number;
  @ApiProperty({ type: DiffCountsDto, description: 'serving documents of every collection, by collection/id' })
  documents!: DiffCountsDto;
  @ApiProperty({ type: [DiffSampleDto], description: 'at most 20 differences, collection by collection in id order' })
  samples!: DiffSampleDto[];
}
