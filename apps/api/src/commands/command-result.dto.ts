import { ApiProperty } from '@nestjs/swagger';

export class CommandResultDto {
  @ApiProperty({ description: 'id of the entity the command addressed' })
  id!: string;

  @ApiProperty({ description: 'stream version after the command: use it in If-Match' })
  version!: number;

  @ApiProperty({
    description: 'global position of the last event appended: use it as minPosition',
    nullable: true,
    type: Number,
  })
  position!: number | null;
}
