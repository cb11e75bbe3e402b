export const pipelineStream = (pipelineId: string): string => `pipeline-${pipelineId}`;
export const leadStream = (leadId: string): string => `lead-${leadId}`;
export const dealStream = (dealId: string): string => `deal-${dealId}`;
export const quotaStream = (ownerId: string, period: string): string => `quota-${ownerId}-${period}`;

// Prefixes for subscriptions filtered by entity kind.
export const STREAM_PREFIXES = {
  pipeline: 'pipeline-',
  lead: 'lead-',
  deal: 'deal-',
  quota: 'quota-',
} as const;
