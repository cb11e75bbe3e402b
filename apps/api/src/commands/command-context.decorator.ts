import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { ID_PATTERN } from '../common/dto-validators.js';
import { ApiError } from '../errors/api-error.js';
import { idempotencyClaimOf } from '../idempotency/idempotency-hooks.js';
import { RequestContext } from './command-context.js';
import { commandIdOf } from './command-identity.js';

const header = (request: AuthenticatedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function checkedId(request: AuthenticatedRequest, name: string): string | null {
  const value = header(request, name);
  if (value === undefined) return null;
  if (!ID_PATTERN.test(value)) {
    throw new ApiError('VALIDATION_FAILED', `${name} must match [A-Za-z0-9_.:-]{1,64}`, [
      { field: name, errors: ['must match [A-Za-z0-9_.:-]{1,64}'] },
    ]);
  }
  return value;
}

export function parseIfMatch(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) throw new ApiError('INVALID_IF_MATCH', 'If-Match must be "<version>", e.g. "3"');
  return Number(match[1]);
}

export function requestContext(request: AuthenticatedRequest): RequestContext {
  const claim = idempotencyClaimOf(request);
  const commandId = commandIdOf(claim?.scope ?? null);
  const correlationId = checkedId(request, 'x-correlation-id') ?? commandId;
  return {
    commandId,
    correlationId,
    causationId: checkedId(request, 'x-causation-id') ?? correlationId,
    principal: request.principal?.name ?? 'anonymous',
    actorId: checkedId(request, 'x-actor-id'),
    expectedVersion: parseIfMatch(header(request, 'if-match')),
    resumed: (claim?.attempt ?? 0) > 0,
  };
}

// The correlation id is also left on the request for its log record (logging/request-log.ts).
export const CommandRequest = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest & { correlationId?: string }>();
  const command = requestContext(request);
  request.correlationId = command.correlationId;
  return command;
});
