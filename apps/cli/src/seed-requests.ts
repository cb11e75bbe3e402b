import { fromMinorUnits } from '@sales/domain';
import type { DemoAction } from '@sales/reports';

export type SeedRequest = { method: 'POST' | 'PUT' | 'PATCH'; url: string; body: Record<string, unknown> };

const money = fromMinorUnits;
const defined = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined));

// Each demo action as the HTTP command a client would send (amounts in the currency's units).
export function seedRequest(action: DemoAction): SeedRequest {
  const occurredAt = action.at;
  switch (action.kind) {
    case 'definePipeline':
      return {
        method: 'PUT',
        url: `/v1/pipelines/${action.pipelineId}`,
        body: { name: action.name, stages: action.stages, occurredAt },
      };
    case 'setQuota':
      return {
        method: 'PUT',
        url: `/v1/quotas/${action.ownerId}/${action.period}`,
        body: { amount: money(action.amountMinor), occurredAt },
      };
    case 'captureLead': {
      const { leadId, source, company, contact, ownerId } = action;
      return {
        method: 'POST',
        url: '/v1/leads',
        body: { leadId, source, company, contact, ownerId, occurredAt },
      };
    }
    case 'logActivity': {
      const { entity, id, activityId, type, performedBy, outcome } = action;
      return {
        method: 'POST',
        url: `/v1/${entity === 'lead' ? 'leads' : 'deals'}/${id}/activities`,
        body: defined({ activityId, type, performedBy, outcome, occurredAt }),
      };
    }
    case 'convertLead': {
      const { dealId, title, accountId, amountMinor, pipelineId, expectedCloseDate } = action;
      return {
        method: 'POST',
        url: `/v1/leads/${action.leadId}/convert`,
        body: {
          dealId,
          title,
          accountId,
          amount: money(amountMinor),
          pipelineId,
          expectedCloseDate,
          occurredAt,
        },
      };
    }
    case 'disqualifyLead':
      return {
        method: 'POST',
        url: `/v1/leads/${action.leadId}/disqualify`,
        body: { reason: action.reason, occurredAt },
      };
    case 'openDeal': {
      const { dealId, title, accountId, ownerId, amountMinor, pipelineId, source, expectedCloseDate } =
        action;
      return {
        method: 'POST',
        url: '/v1/deals',
        body: defined({
          dealId,
          title,
          accountId,
          ownerId,
          amount: money(amountMinor),
          pipelineId,
          source,
          expectedCloseDate,
          occurredAt,
        }),
      };
    }
    case 'advanceStage':
      return {
        method: 'POST',
        url: `/v1/deals/${action.dealId}/stage`,
        body: { stageId: action.stageId, occurredAt },
      };
    case 'closeDeal': {
      const { outcome, reason, competitor, amountMinor } = action;
      return {
        method: 'POST',
        url: `/v1/deals/${action.dealId}/close`,
        body: defined({
          outcome,
          reason,
          competitor,
          amount: amountMinor === null ? null : money(amountMinor),
          occurredAt,
        }),
      };
    }
    case 'reopenDeal':
      return { method: 'POST', url: `/v1/deals/${action.dealId}/reopen`, body: { occurredAt } };
    case 'reassignDeal':
      return {
        method: 'POST',
        url: `/v1/deals/${action.dealId}/owner`,
        body: { ownerId: action.ownerId, occurredAt },
      };
    case 'updateDeal': {
      const { amountMinor, expectedCloseDate } = action;
      return {
        method: 'PATCH',
        url: `/v1/deals/${action.dealId}`,
        // null drops the expected close date: kept, where `defined` would leave it out
        body: {
          ...defined({ amount: amountMinor === undefined ? undefined : money(amountMinor), occurredAt }),
          ...(expectedCloseDate === undefined ? {} : { expectedCloseDate }),
        },
      };
    }
    default: {
      const never: never = action;
      throw new Error(`unknown demo action ${JSON.stringify(never)}`);
    }
  }
}
