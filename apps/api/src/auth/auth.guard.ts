import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Role } from '@sales/platform';
import { ApiError } from '../errors/api-error.js';
import { API_KEYS, ApiKeys, Principal } from './api-keys.js';
import { authenticate, noteRefusal } from './request-principal.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

// Every route is closed unless it says @Public(); a route names the roles it admits (admin: all).
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: ApiKeys,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { principal, refusal } = authenticate(request, this.keys);
    if (!principal) {
      noteRefusal(request, refusal);
      throw new ApiError('UNAUTHORIZED', 'a valid API key is required: Authorization: Bearer <key>');
    }
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      noteRefusal(request, `role ${principal.role} may not call this route`);
      throw new ApiError('FORBIDDEN', `role ${principal.role} may not call this route`);
    }
    return true;
  }
}
