import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from './auth.guard.js';
import { Roles } from './roles.decorator.js';

// Who the presented key is: lets a client (the dashboard) show only what the key's role may see.
@ApiTags('session')
@ApiBearerAuth()
@Controller('session')
export class SessionController {
  @Get()
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: "The presented key's name and role" })
  whoAmI(@Req() request: AuthenticatedRequest): { name: string; role: string } {
    const { name, role } = request.principal!;
    return { name, role };
  }
}
