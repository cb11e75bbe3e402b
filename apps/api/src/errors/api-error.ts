// Errors raised by the HTTP layer itself (not by a decider). Domain errors carry their own codes.
export type ApiErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'PROJECTION_NOT_FOUND'
  | 'PIPELINE_NOT_FOUND'
  | 'WEBHOOK_NOT_FOUND'
  | 'WEBHOOK_HOST_NOT_ALLOWED'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'RATE_LIMITED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'INVALID_IF_MATCH'
  | 'PROJECTION_LAGGING'
  | 'NO_CANDIDATE'
  | 'CANDIDATE_NOT_CAUGHT_UP'
  | 'CANDIDATE_EXISTS'
  | 'CANDIDATE_REQUEST_PENDING'
  | 'NOT_ACCEPTABLE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function apiErrorStatus(code: ApiErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'INVALID_JSON':
    case 'INVALID_IF_MATCH':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'ROUTE_NOT_FOUND':
    case 'PROJECTION_NOT_FOUND':
    case 'PIPELINE_NOT_FOUND':
    case 'WEBHOOK_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'NOT_ACCEPTABLE':
      return 406;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'IDEMPOTENCY_KEY_IN_USE':
    case 'NO_CANDIDATE':
    case 'CANDIDATE_NOT_CAUGHT_UP':
    case 'CANDIDATE_EXISTS':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'URI_TOO_LONG':
      return 414;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'WEBHOOK_HOST_NOT_ALLOWED':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
    case 'PROJECTION_LAGGING':
    case 'CANDIDATE_REQUEST_PENDING':
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
