import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@sales/platform';
import type { AuthenticatedRequest } from './auth.guard.js';
import { Roles } from './roles.decorator.js';

// Who the presented key is, and the deployment's currency: lets a client (the dashboard) show only
// what the key's role may see, and say in which currency its amounts are.
class SessionDto {
  @ApiProperty({ type: String, description: 'the API key name' }) name!: string;
  @ApiProperty({ enum: ['service', 'analyst', 'auditor', 'admin'] }) role!: string;
  @ApiProperty({ type: String, example: 'EUR', description: 'ISO 4217: every amount is in it' })
  currency!: string;
}

@ApiTags('session')
@ApiBearerAuth()
@Controller('session')
export class SessionController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({
    summary: "The presented key's name and role, and the deployment currency (SALES_CURRENCY)",
  })
  @ApiOkResponse({ type: SessionDto })
  whoAmI(@Req() request: AuthenticatedRequest): { name: string; role: string; currency: string } {
    const { name, role } = request.principal!;
    return { name, role, currency: this.config.currency };
  }
}
