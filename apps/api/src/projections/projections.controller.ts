import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  CandidateError,
  type ProjectionControl,
  type PromoteMode,
  UnknownProjectionError,
} from '@sales/projections';
import { Roles } from '../auth/roles.decorator.js';
import { ErrorDto } from '../common/api-responses.js';
import { ApiError } from '../errors/api-error.js';
import { PROJECTION_ENGINE } from '../read-models/read-models.js';
import { GenerationDiffDto } from './generation-diff.dto.js';
import { ProjectionInfoDto } from './projection-info.dto.js';

export class ProjectionParams {
  @ApiProperty({ example: 'deals', pattern: '^[a-z0-9-]{1,64}$' })
  @Matches(/^[a-z0-9-]{1,64}$/)
  name!: string;
}

export class RebuildQuery {
  @ApiPropertyOptional({
    enum: ['auto', 'manual'],
    description:
      'auto (default): swapped in once caught up; manual: a candidate that catches up and stays live beside the serving generation until promoted or dropped',
  })
  @IsOptional()
  @IsIn(['auto', 'manual'])
  promote?: PromoteMode;
}

const PENDING =
  'CANDIDATE_REQUEST_PENDING: the process running the projection has not carried the request out within 10 s';
const NO_CANDIDATE = 'NO_CANDIDATE: no candidate; CANDIDATE_NOT_CAUGHT_UP: it has not reached the end of the log yet';

@ApiTags('projections')
@ApiBearerAuth()
@Roles('analyst')
@Controller('projections')
export class ProjectionsController {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionControl) {}

  @Get()
  @ApiOperation({ summary: 'Every projection: version, status, position, lag, last error' })
  @ApiOkResponse({ type: [ProjectionInfoDto] })
  list() {
    return this.engine.list();
  }

  @Get(':name')
  @ApiOperation({ summary: 'One projection, with the progress of a running rebuild or candidate' })
  @ApiOkResponse({ type: ProjectionInfoDto })
  one(@Param() { name }: ProjectionParams) {
    return this.known(() => this.engine.info(name));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild from history beside the serving read model, then swap it in (blue/green); promote=manual keeps it as a candidate instead',
  })
  @ApiAcceptedResponse({ type: ProjectionInfoDto, description: 'the rebuild started' })
  @ApiConflictResponse({ type: ErrorDto, description: 'CANDIDATE_EXISTS: a plain rebuild while a candidate waits' })
  rebuild(@Param() { name }: ProjectionParams, @Query() { promote }: RebuildQuery) {
    return this.known(() => this.engine.rebuild(name, promote ?? 'auto'));
  }

  @Get(':name/diff')
  @ApiOperation({ summary: "The candidate's serving documents against the serving generation's" })
  @ApiOkResponse({ type: GenerationDiffDto })
  @ApiConflictResponse({ type: ErrorDto, description: NO_CANDIDATE })
  diff(@Param() { name }: ProjectionParams) {
    return this.known(() => this.engine.diff(name));
  }

  @Post(':name/promote')
  @HttpCode(200)
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: PENDING })
  @ApiOperation({ summary: 'Swap the candidate in at once; the generation it replaces is dropped' })
  @ApiOkResponse({ type: ProjectionInfoDto, description: 'the candidate serves' })
  @ApiConflictResponse({ type: ErrorDto, description: NO_CANDIDATE })
  promote(@Param() { name }: ProjectionParams) {
    return this.known(() => this.engine.promote(name));
  }

  @Delete(':name/candidate')
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: PENDING })
  @ApiOperation({ summary: 'Stop the candidate and drop its generation' })
  @ApiOkResponse({ type: ProjectionInfoDto, description: 'the candidate is gone' })
  @ApiConflictResponse({ type: ErrorDto, description: 'NO_CANDIDATE' })
  dropCandidate(@Param() { name }: ProjectionParams) {
    return this.known(() => this.engine.dropCandidate(name));
  }

  private async known<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new ApiError('PROJECTION_NOT_FOUND', error.message);
      if (error instanceof CandidateError) throw new ApiError(error.code, error.message);
      throw error;
    }
  }
}
