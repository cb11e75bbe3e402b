import { Controller, Get, Inject, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PIPELINES, type PipelineDoc } from '@sales/projections';
import { Roles } from '../auth/roles.decorator.js';
import { ApiError } from '../errors/api-error.js';
import { MinPositionQuery } from '../read-models/min-position.dto.js';
import { ReadModels } from '../read-models/read-models.js';
import { PipelineParams } from './pipeline.dto.js';
import { PipelineViewDto } from './pipeline-view.dto.js';

export type PipelineView = {
  pipelineId: string;
  name: string;
  definedAt: string;
  stages: { id: string; name: string; probability: number }[];
};

// The definition in force now: the latest PipelineDefined.
const toView = (doc: PipelineDoc): PipelineView => {
  const latest = doc.definitions[doc.definitions.length - 1];
  return {
    pipelineId: doc.pipelineId,
    name: latest.name,
    definedAt: latest.occurredAt,
    stages: latest.stages,
  };
};

export class ListPipelinesQuery extends Query<PipelineView[]> {
  constructor(
    readonly pipelineId: string | null,
    readonly minPosition: number | null,
  ) {
    super();
  }
}

@QueryHandler(ListPipelinesQuery)
export class ListPipelinesHandler implements IQueryHandler<ListPipelinesQuery> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ pipelineId, minPosition }: ListPipelinesQuery): Promise<PipelineView[]> {
    const ref = await this.readModels.serving('reference', minPosition);
    const docs = (await this.readModels.store.find(ref, PIPELINES, {
      where: pipelineId === null ? {} : { pipelineId },
      orderBy: [{ field: 'pipelineId', direction: 'asc' }],
    })) as unknown as PipelineDoc[];
    return docs.filter((doc) => doc.definitions.length > 0).map(toView);
  }
}

@ApiTags('pipelines')
@ApiBearerAuth()
@Roles('service', 'analyst', 'auditor')
@Controller('pipelines')
export class PipelineReadsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every pipeline with the definition in force now' })
  @ApiOkResponse({ type: [PipelineViewDto] })
  list(@QueryParams() { minPosition }: MinPositionQuery) {
    return this.queries.execute(new ListPipelinesQuery(null, minPosition ?? null));
  }

  @Get(':pipelineId')
  @ApiOperation({ summary: 'A pipeline with the definition in force now' })
  @ApiOkResponse({ type: PipelineViewDto })
  async get(@Param() { pipelineId }: PipelineParams, @QueryParams() { minPosition }: MinPositionQuery) {
    const [view] = await this.queries.execute(new ListPipelinesQuery(pipelineId, minPosition ?? null));
    if (!view) throw new ApiError('PIPELINE_NOT_FOUND', `pipeline ${pipelineId} does not exist`);
    return view;
  }
}
