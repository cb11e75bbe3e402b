import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toMinorUnits } from '@sales/domain';
import { Roles } from '../auth/roles.decorator.js';
import { CommandRequest } from '../commands/command-context.decorator.js';
import type { RequestContext } from '../commands/command-context.js';
import { ApiCommandResponses } from '../common/api-responses.js';
import { QuotaParams, SetQuotaDto } from './quota.dto.js';
import { RunCommand } from '../commands/command-target.js';
import { quotaTarget } from './quota-target.js';

@ApiTags('quotas')
@ApiBearerAuth()
@Roles('service')
@Controller('quotas')
export class QuotasController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Put(':ownerId/:period')
  @HttpCode(201)
  @ApiOperation({ summary: "Set an owner's quota for a month, quarter or year (QuotaSet)" })
  @ApiCommandResponses()
  set(
    @Param() { ownerId, period }: QuotaParams,
    @Body() body: SetQuotaDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { amount, ...rest } = body;
    const input = { ...rest, type: 'SetQuota' as const, ownerId, period, amountMinor: toMinorUnits(amount) };
    return this.commands.execute(new RunCommand(quotaTarget(input), request));
  }
}
