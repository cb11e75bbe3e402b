import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

// The OpenAPI shape of ProjectionInfo (libs/projections), as GET /v1/projections answers it.
// `rebuild` is inline: OpenAPI 3.0 has no nullable $ref, and allOf would hold null to the object.
const REBUILD: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  required: ['generation', 'position', 'eventsPerSecond', 'promote', 'caughtUp'],
  properties: {
    generation: { type: 'integer', description: 'the generation being built beside the serving one' },
    position: { type: 'integer', nullable: true },
    eventsPerSecond: { type: 'number', nullable: true },
    promote: {
      type: 'string',
      enum: ['auto', 'manual'],
      description: 'auto: swapped in once caught up; manual: a candidate, kept live until promoted or dropped',
    },
    caughtUp: { type: 'boolean', description: 'has reached the end of the log' },
  },
};

export class ProjectionInfoDto {
  @ApiProperty({ type: String, example: 'deals' }) name!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ enum: ['live', 'rebuilding', 'failed'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the serving generation' }) generation!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'last global position applied' })
  position!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'events behind the head of the log' })
  lag!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty(REBUILD) rebuild!: {
    generation: number;
    position: number | null;
    eventsPerSecond: number | null;
    promote: 'auto' | 'manual';
    caughtUp: boolean;
  } | null;
}
