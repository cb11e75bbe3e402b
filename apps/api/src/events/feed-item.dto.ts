import { ApiProperty } from '@nestjs/swagger';

export class FeedItemDto {
  @ApiProperty({ description: 'global position in the log, strictly increasing' }) position!: number;
  @ApiProperty({ example: 'deal-acme' }) stream!: string;
  @ApiProperty({ description: "the stream's version after this event (1 = its first)" }) revision!: number;
  @ApiProperty({ example: 'DealWon' }) type!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-03-01T09:30:00.000Z' }) occurredAt!:
    string | null;
  @ApiProperty({ example: '2026-03-01T09:30:00.012Z' }) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'recordedAt, commandId, correlationId, causationId, actorId, principal, schemaVersion, prevHash, hash',
  })
  metadata!: Record<string, unknown>;
}

export class FeedPageDto {
  @ApiProperty({ type: [FeedItemDto] }) items!: FeedItemDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'pass as `after` for the next page; an empty page means the head was reached',
  })
  nextAfter!: number | null;
}
