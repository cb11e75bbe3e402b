import { Body, Controller, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toMinorUnits } from '@sales/domain';
import { Roles } from '../auth/roles.decorator.js';
import { CommandRequest } from '../commands/command-context.decorator.js';
import { generatedId } from '../commands/command-identity.js';
import type { CommandResult, RequestContext } from '../commands/command-context.js';
import { LogActivityDto, OccurredAtDto } from '../common/activity.dto.js';
import { ApiCommandResponses } from '../common/api-responses.js';
import { RunCommand } from '../commands/command-target.js';
import { PipelineLookup } from '../pipelines/pipeline-lookup.js';
import { StageGuard } from '../pipelines/stage-guard.js';
import { ConversionProcess } from '../leads/conversion-process.js';
import { DealCommandInput, dealTarget } from './deal-target.js';
import {
  AdvanceStageDto,
  CloseDealDto,
  DealParams,
  OpenDealDto,
  ReassignDealDto,
  UpdateDealDto,
} from './deal.dto.js';

const minor = (amount: number | undefined) => (amount === undefined ? undefined : toMinorUnits(amount));

@ApiTags('deals')
@ApiBearerAuth()
@Roles('service')
@Controller('deals')
export class DealsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PipelineLookup) private readonly pipelines: PipelineLookup,
    @Inject(ConversionProcess) private readonly conversions: ConversionProcess,
    @Inject(StageGuard) private readonly stages: StageGuard,
  ) {}

  private run(input: DealCommandInput, request: RequestContext): Promise<CommandResult> {
    const settle = () => this.conversions.settleDeal(input.dealId);
    return this.commands.execute(
      new RunCommand(dealTarget(input, this.pipelines, this.stages, settle), request),
    );
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a deal (DealOpened)' })
  @ApiCommandResponses()
  open(@Body() body: OpenDealDto, @CommandRequest() request: RequestContext) {
    const { amount, dealId, pipelineId, ...rest } = body;
    return this.run(
      {
        ...rest,
        type: 'OpenDeal',
        dealId: dealId ?? generatedId(request, 'dealId'),
        pipelineId: pipelineId ?? 'default',
        amountMinor: toMinorUnits(amount),
      },
      request,
    );
  }

  @Post(':dealId/stage')
  @HttpCode(201)
  @ApiOperation({ summary: 'Move a deal to another stage (DealStageAdvanced)' })
  @ApiCommandResponses()
  advance(
    @Param() { dealId }: DealParams,
    @Body() body: AdvanceStageDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.run({ ...body, type: 'AdvanceStage', dealId }, request);
  }

  @Post(':dealId/activities')
  @HttpCode(201)
  @ApiOperation({ summary: 'Log an activity on a deal (ActivityLogged); allowed on closed deals' })
  @ApiCommandResponses()
  logActivity(
    @Param() { dealId }: DealParams,
    @Body() body: LogActivityDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { type, activityId, ...rest } = body;
    return this.run(
      {
        ...rest,
        type: 'LogDealActivity',
        dealId,
        activityType: type,
        activityId: activityId ?? generatedId(request, 'activityId'),
      },
      request,
    );
  }

  @Post(':dealId/close')
  @HttpCode(201)
  @ApiOperation({ summary: 'Win or lose a deal (DealWon / DealLost)' })
  @ApiCommandResponses()
  close(
    @Param() { dealId }: DealParams,
    @Body() body: CloseDealDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { amount, ...rest } = body;
    return this.run({ ...rest, type: 'CloseDeal', dealId, amountMinor: minor(amount) }, request);
  }

  @Post(':dealId/reopen')
  @HttpCode(201)
  @ApiOperation({ summary: 'Reopen a lost deal in the stage it was lost in (DealReopened)' })
  @ApiCommandResponses()
  reopen(
    @Param() { dealId }: DealParams,
    @Body() body: OccurredAtDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.run({ ...body, type: 'ReopenDeal', dealId }, request);
  }

  @Post(':dealId/owner')
  @HttpCode(201)
  @ApiOperation({ summary: 'Reassign a deal (DealReassigned)' })
  @ApiCommandResponses()
  reassign(
    @Param() { dealId }: DealParams,
    @Body() body: ReassignDealDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.run({ ...body, type: 'ReassignDeal', dealId }, request);
  }

  @Patch(':dealId')
  @HttpCode(201)
  @ApiOperation({ summary: 'Change title, amount or expected close date (DealUpdated)' })
  @ApiCommandResponses()
  update(
    @Param() { dealId }: DealParams,
    @Body() body: UpdateDealDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { amount, ...rest } = body;
    return this.run({ ...rest, type: 'UpdateDeal', dealId, amountMinor: minor(amount) }, request);
  }
}
