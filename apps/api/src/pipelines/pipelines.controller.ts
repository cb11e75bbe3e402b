import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { CommandRequest } from '../commands/command-context.decorator.js';
import type { RequestContext } from '../commands/command-context.js';
import { CommandResultDto } from '../commands/command-result.dto.js';
import { ApiCommandResponses } from '../common/api-responses.js';
import { RunCommand } from '../commands/command-target.js';
import { OpenDealsByStage } from './open-deals-by-stage.js';
import { pipelineTarget } from './pipeline-target.js';
import { StageGuard } from './stage-guard.js';
import { DefinePipelineDto, PipelineParams } from './pipeline.dto.js';

@ApiTags('pipelines')
@ApiBearerAuth()
@Roles('service')
@Controller('pipelines')
export class PipelinesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(OpenDealsByStage) private readonly openDeals: OpenDealsByStage,
    @Inject(StageGuard) private readonly guard: StageGuard,
  ) {}

  @Put(':pipelineId')
  @HttpCode(201)
  @ApiCommandResponses()
  define(
    @Param() { pipelineId }: PipelineParams,
    @Body() body: DefinePipelineDto,
    @CommandRequest() request: RequestContext,
  ): Promise<CommandResultDto> {
    return this.commands.execute(
      new RunCommand(pipelineTarget(pipelineId, body, this.openDeals, this.guard), request),
    );
  }
}
