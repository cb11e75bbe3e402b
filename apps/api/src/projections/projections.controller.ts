import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { type ProjectionControl, UnknownProjectionError } from '@sales/projections';
import { Roles } from '../auth/roles.decorator.js';
import { ApiError } from '../errors/api-error.js';
import { PROJECTION_ENGINE } from '../read-models/read-models.js';
import { ProjectionInfoDto } from './projection-info.dto.js';

export class ProjectionParams {
  @ApiProperty({ example: 'deals', pattern: '^[a-z0-9-]{1,64}$' })
  @Matches(/^[a-z0-9-]{1,64}$/)
  name!: string;
}

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
  @ApiOperation({ summary: 'One projection, with the progress of a running rebuild' })
  @ApiOkResponse({ type: ProjectionInfoDto })
  one(@Param() { name }: ProjectionParams) {
    return this.known(() => this.engine.info(name));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild from history beside the serving read model, then swap it in (blue/green)',
  })
  @ApiAcceptedResponse({ type: ProjectionInfoDto, description: 'the rebuild started' })
  rebuild(@Param() { name }: ProjectionParams) {
    return this.known(() => this.engine.rebuild(name));
  }

  private async known<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new ApiError('PROJECTION_NOT_FOUND', error.message);
      throw error;
    }
  }
}
