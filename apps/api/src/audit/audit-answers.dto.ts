import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { ChainBreak } from '@sales/event-store';

// The OpenAPI shapes of the audit answers: ChainReport (libs/event-store) and the audit trail page.
const maybeText = { type: String, nullable: true };

// inline, not a $ref: OpenAPI 3.0 has no nullable $ref, and allOf would hold null to the object
const CHAIN_BREAK: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  required: ['stream', 'revision', 'position', 'reason', 'expected', 'actual', 'message'],
  properties: {
    stream: { type: 'string' },
    revision: { type: 'integer', description: "the event's version (1-based)" },
    position: { type: 'integer' },
    reason: { type: 'string', enum: ['hash mismatch', 'prevHash mismatch'] },
    expected: { type: 'string', nullable: true },
    actual: { type: 'string', nullable: true },
    message: { type: 'string' },
  },
};

export class ChainReportDto {
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty({ type: Number }) streamsChecked!: number;
  @ApiProperty({ type: Number }) eventsChecked!: number;
  @ApiProperty({ type: Number }) brokenLinks!: number;
  @ApiProperty(CHAIN_BREAK) firstBroken!: ChainBreak | null;
  @ApiProperty({ type: Number, nullable: true, description: 'global position of the last event checked' })
  position!: number | null;
}

export class AuditEventItemDto {
  @ApiProperty({ type: String, example: 'audit-2026-01-31' }) stream!: string;
  @ApiProperty({ type: Number }) revision!: number;
  @ApiProperty({ type: Number }) position!: number;
  @ApiProperty({ type: String, example: 'AccessDenied' }) type!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: String }) principal!: string;
  @ApiProperty(maybeText) actorId!: string | null;
  @ApiProperty({ type: String }) correlationId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty(maybeText) hash!: string | null;
  @ApiProperty(maybeText) prevHash!: string | null;
}

export class AuditEventsPageDto {
  @ApiProperty({ type: [AuditEventItemDto] }) items!: AuditEventItemDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as cursor for the next page; null: last page',
  })
  nextCursor!: string | null;
}
