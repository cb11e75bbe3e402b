// Grouped by the HTTP status the API is expected to give them; the API owns the mapping.
export const DOMAIN_ERROR_CODES = [
  // 400: input a DTO should already have refused, re-checked because the domain trusts no caller
  'VALIDATION_FAILED',
  'INVALID_AMOUNT',
  'INVALID_PERIOD',
  'INVALID_PIPELINE',
  'LOSS_REASON_REQUIRED',
  'NOTHING_TO_UPDATE',
  // 404
  'LEAD_NOT_FOUND',
  'DEAL_NOT_FOUND',
  // 409: the entity's state forbids the command
  'LEAD_EXISTS',
  'LEAD_ALREADY_CONVERTED',
  'LEAD_DISQUALIFIED',
  'DEAL_EXISTS',
  'DEAL_CLOSED',
  'DEAL_NOT_LOST',
  'ALREADY_IN_STAGE',
  'ALREADY_OWNER',
  'STAGE_IN_USE',
  'ACTIVITY_EXISTS',
  // 422: invalid references or time
  'UNKNOWN_PIPELINE',
  'UNKNOWN_STAGE',
  'OCCURRED_IN_FUTURE',
  'OUT_OF_ORDER',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export type DomainErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

export const isDomainErrorCode = (code: unknown): code is DomainErrorCode =>
  typeof code === 'string' && (DOMAIN_ERROR_CODES as readonly string[]).includes(code);
