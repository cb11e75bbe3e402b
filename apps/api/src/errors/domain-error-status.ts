import { DomainErrorCode } from '@sales/domain';

export function domainErrorStatus(code: DomainErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'INVALID_AMOUNT':
    case 'INVALID_PERIOD':
    case 'INVALID_PIPELINE':
    case 'LOSS_REASON_REQUIRED':
    case 'NOTHING_TO_UPDATE':
      return 400;
    case 'LEAD_NOT_FOUND':
    case 'DEAL_NOT_FOUND':
      return 404;
    case 'LEAD_EXISTS':
    case 'LEAD_ALREADY_CONVERTED':
    case 'LEAD_DISQUALIFIED':
    case 'DEAL_EXISTS':
    case 'DEAL_CLOSED':
    case 'DEAL_NOT_LOST':
    case 'ALREADY_IN_STAGE':
    case 'ALREADY_OWNER':
    case 'STAGE_IN_USE':
    case 'ACTIVITY_EXISTS':
      return 409;
    case 'UNKNOWN_PIPELINE':
    case 'UNKNOWN_STAGE':
    case 'OCCURRED_IN_FUTURE':
    case 'OUT_OF_ORDER':
      return 422;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
