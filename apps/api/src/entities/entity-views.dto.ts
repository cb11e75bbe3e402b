import { ApiProperty } from '@nestjs/swagger';

// Response shapes of the entity reads (contract §3), for the OpenAPI document: a client generator
// types a response only from its schema. They mirror DealView, LeadView, DealListItem and HistoryEntry.
const text = { type: String };
const maybeText = { type: String, nullable: true };
const maybeTime = { type: String, format: 'date-time', nullable: true };
const time = { type: String, format: 'date-time' };

export class StageVisitDto {
  @ApiProperty(text) stageId!: string;
  @ApiProperty(time) enteredAt!: string;
  @ApiProperty(maybeTime) exitedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['forward', 'backward', 'won', 'lost'] }) exit!:
    string | null;
}

class DealFieldsDto {
  @ApiProperty(text) dealId!: string;
  @ApiProperty(text) title!: string;
  @ApiProperty(text) accountId!: string;
  @ApiProperty({ type: String, description: 'current owner' }) ownerId!: string;
  @ApiProperty(text) pipelineId!: string;
  @ApiProperty(text) stageId!: string;
  @ApiProperty({ enum: ['open', 'won', 'lost'] }) status!: string;
  @ApiProperty({ type: Number, description: 'in the deployment currency (GET /v1/session)' }) amount!: number;
  @ApiProperty(time) openedAt!: string;
  @ApiProperty(maybeTime) closedAt!: string | null;
  @ApiProperty(maybeText) leadId!: string | null;
  @ApiProperty(maybeText) source!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedCloseDate!: string | null;
  @ApiProperty(maybeText) lossReason!: string | null;
  @ApiProperty({ type: Number }) activityCount!: number;
  @ApiProperty(maybeTime) lastActivityAt!: string | null;
}

export class DealViewDto extends DealFieldsDto {
  @ApiProperty({ type: [StageVisitDto] }) stageHistory!: StageVisitDto[];
  @ApiProperty({ type: Number, description: 'events folded; send it back in If-Match' }) version!: number;
}

export class DealListItemDto extends DealFieldsDto {
  @ApiProperty(maybeText) competitor!: string | null;
}

export class DealListPageDto {
  @ApiProperty({ type: [DealListItemDto] }) items!: DealListItemDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as cursor for the next page; null: last page',
  })
  nextCursor!: string | null;
}

export class LeadViewDto {
  @ApiProperty(text) leadId!: string;
  @ApiProperty(text) source!: string;
  @ApiProperty(text) company!: string;
  @ApiProperty(maybeText) contact!: string | null;
  @ApiProperty(text) ownerId!: string;
  @ApiProperty({ enum: ['open', 'converted', 'disqualified'] }) status!: string;
  @ApiProperty(maybeText) dealId!: string | null;
  @ApiProperty(time) capturedAt!: string;
  @ApiProperty(maybeTime) convertedAt!: string | null;
  @ApiProperty(maybeTime) disqualifiedAt!: string | null;
  @ApiProperty(maybeText) disqualifyReason!: string | null;
  @ApiProperty({ type: Number }) activityCount!: number;
  @ApiProperty(maybeTime) lastActivityAt!: string | null;
  @ApiProperty(maybeTime) firstActivityAt!: string | null;
  @ApiProperty({ type: Number }) version!: number;
}

export class HistoryEntryDto {
  @ApiProperty({ type: Number, description: 'the entity version this event made' }) revision!: number;
  @ApiProperty({ type: Number, description: 'global position in the log' }) position!: number;
  @ApiProperty({ type: String, example: 'DealStageAdvanced' }) type!: string;
  @ApiProperty(time) occurredAt!: string;
  @ApiProperty(time) recordedAt!: string;
  @ApiProperty(maybeText) actorId!: string | null;
  @ApiProperty({ type: String, description: 'the API key name that issued the command' }) principal!: string;
  @ApiProperty(text) commandId!: string;
  @ApiProperty(text) correlationId!: string;
  @ApiProperty(text) causationId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's data (contract §2)" })
  data!: Record<string, unknown>;
  @ApiProperty(maybeText) hash!: string | null;
  @ApiProperty(maybeText) prevHash!: string | null;
}
