import { HttpException } from '@nestjs/common';
import { DomainError } from '@sales/domain';
import { isEventStorePortError } from '@sales/event-store';
import { ApiError, ApiErrorCode, apiErrorStatus } from './api-error.js';
import { domainErrorStatus } from './domain-error-status.js';
import { portErrorAnswer } from './port-error-status.js';

export type ErrorBody = { statusCode: number; code: string; message: string; details?: unknown };

const byHttpStatus: Record<number, ApiErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

type TransportError = Error & { statusCode?: number; code?: string };

// Every error leaving the API goes through here: one body shape, a code, never internals.
export function toErrorBody(error: unknown): ErrorBody {
  return errorAnswer(error).body;
}

/** The body, and for a condition that passes (the store is down) how many seconds to wait. */
export function errorAnswer(error: unknown): { body: ErrorBody; retryAfter: number | null } {
  if (isEventStorePortError(error)) {
    const answer = portErrorAnswer(error);
    return {
      body: body(answer.status, answer.code, answer.message, answer.details),
      retryAfter: answer.retryAfter ?? null,
    };
  }
  return { body: bodyOf(error), retryAfter: null };
}

function bodyOf(error: unknown): ErrorBody {
  if (error instanceof ApiError) {
    return body(apiErrorStatus(error.code), error.code, error.message, error.details);
  }
  if (error instanceof DomainError) {
    return body(domainErrorStatus(error.code), error.code, error.message, error.details);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = byHttpStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    return body(status, code, status === 404 ? 'no such route' : error.message);
  }
  const transport = error as TransportError;
  if (
    transport &&
    typeof transport.statusCode === 'number' &&
    transport.statusCode >= 400 &&
    transport.statusCode < 500
  ) {
    // Fastify's own request errors: unreadable JSON, too large, wrong content type…
    const status = transport.statusCode;
    const code =
      transport.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      transport.name === 'SyntaxError' ||
      transport.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'INVALID_JSON'
        : (byHttpStatus[status] ?? 'VALIDATION_FAILED');
    const message =
      code === 'PAYLOAD_TOO_LARGE'
        ? 'request body exceeds 1 MiB'
        : code === 'INVALID_JSON'
          ? 'request body is not valid JSON'
          : transport.message;
    return body(status, code, message);
  }
  return body(500, 'INTERNAL_ERROR', 'internal error');
}

function body(statusCode: number, code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { statusCode, code, message } : { statusCode, code, message, details };
}
