import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toMinorUnits } from '@sales/domain';
import { Roles } from '../auth/roles.decorator.js';
import { CommandRequest } from '../commands/command-context.decorator.js';
import { generatedId } from '../commands/command-identity.js';
import type { RequestContext } from '../commands/command-context.js';
import { LogActivityDto } from '../common/activity.dto.js';
import { ApiCommandResponses } from '../common/api-responses.js';
import { ConvertLeadCommand } from './convert-lead.handler.js';
import { CaptureLeadDto, ConvertLeadDto, DisqualifyLeadDto, LeadParams } from './lead.dto.js';
import { RunCommand } from '../commands/command-target.js';
import { ConversionCompleter } from './conversion-completer.js';
import { LeadCommandInput, leadTarget } from './lead-target.js';

@ApiTags('leads')
@ApiBearerAuth()
@Roles('service')
@Controller('leads')
export class LeadsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ConversionCompleter) private readonly conversions: ConversionCompleter,
  ) {}

  private run(input: LeadCommandInput, request: RequestContext, newStream = false) {
    const settle = async () => void (await this.conversions.settleLead(input.leadId));
    return this.commands.execute(new RunCommand(leadTarget(input, settle, newStream), request));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Capture a lead (LeadCaptured)' })
  @ApiCommandResponses()
  capture(@Body() body: CaptureLeadDto, @CommandRequest() request: RequestContext) {
    const { leadId, ...rest } = body;
    // A lead id the server generates names a stream no one has written yet.
    return this.run(
      { ...rest, type: 'CaptureLead', leadId: leadId ?? generatedId(request, 'leadId') },
      request,
      leadId === undefined,
    );
  }

  @Post(':leadId/activities')
  @HttpCode(201)
  @ApiOperation({ summary: 'Log an activity on a lead (ActivityLogged)' })
  @ApiCommandResponses()
  logActivity(
    @Param() { leadId }: LeadParams,
    @Body() body: LogActivityDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { type, activityId, ...rest } = body;
    return this.run(
      {
        ...rest,
        type: 'LogLeadActivity',
        leadId,
        activityType: type,
        activityId: activityId ?? generatedId(request, 'activityId'),
      },
      request,
    );
  }

  @Post(':leadId/convert')
  @HttpCode(201)
  @ApiOperation({ summary: 'Convert a lead into a deal (LeadConverted + DealOpened)' })
  @ApiCommandResponses()
  convert(
    @Param() { leadId }: LeadParams,
    @Body() body: ConvertLeadDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { amount, dealId, pipelineId, ...rest } = body;
    return this.commands.execute(
      new ConvertLeadCommand(
        {
          ...rest,
          type: 'ConvertLead',
          leadId,
          dealId: dealId ?? generatedId(request, 'dealId'),
          pipelineId: pipelineId ?? 'default',
          amountMinor: toMinorUnits(amount),
        },
        request,
      ),
    );
  }

  @Post(':leadId/disqualify')
  @HttpCode(201)
  @ApiOperation({ summary: 'Disqualify a lead (LeadDisqualified)' })
  @ApiCommandResponses()
  disqualify(
    @Param() { leadId }: LeadParams,
    @Body() body: DisqualifyLeadDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.run({ ...body, type: 'DisqualifyLead', leadId }, request);
  }
}
