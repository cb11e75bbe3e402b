import { describe, expect, it } from '@jest/globals';
import { dealOpened } from '@sales/testing';
import { dealDecider } from '../deal/deal.decider.js';
import { DEFAULT_PIPELINE } from '../pipeline/pipeline.definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { ConvertLead } from './lead.commands.js';
import { decideConversion } from './lead-conversion.js';
import { leadDecider } from './lead.decider.js';
import type { LeadCaptured } from './lead.events.js';

const CAPTURED = '2026-02-20T09:00:00.000Z';
const AT = '2026-03-01T09:00:00.000Z';

const captured: LeadCaptured = {
  type: 'LeadCaptured',
  data: {
    leadId: 'L1',
    source: 'referral',
    company: 'Acme',
    contact: null,
    ownerId: 'carol',
    occurredAt: CAPTURED,
  },
};
const lead = leadDecider.evolve(leadDecider.initialState, captured);

const convert = (overrides: Partial<ConvertLead> = {}): ConvertLead => ({
  type: 'ConvertLead',
  leadId: 'L1',
  dealId: 'D1',
  title: 'Acme rollout',
  accountId: 'acme',
  amountMinor: 500_000,
  pipelineId: 'default',
  expectedCloseDate: '2026-06-30',
  pipeline: DEFAULT_PIPELINE,
  occurredAt: '2026-03-01T10:00:00+01:00',
  now: '2026-03-10T00:00:00.000Z',
  ...overrides,
});

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('decideConversion', () => {
  it('converts the lead and opens its deal with the same occurredAt, owner and source', () => {
    expect(decideConversion(convert(), lead, dealDecider.initialState)).toEqual({
      leadEvents: [
        {
          type: 'LeadConverted',
          data: {
            leadId: 'L1',
            dealId: 'D1',
            ownerId: 'carol',
            source: 'referral',
            capturedAt: CAPTURED,
            occurredAt: AT,
          },
        },
      ],
      dealEvents: [
        dealOpened({
          ownerId: 'carol',
          source: 'referral',
          leadId: 'L1',
          leadCapturedAt: CAPTURED,
          occurredAt: AT,
        }),
      ],
    });
  });

  it('refuses the whole conversion when the deal cannot open', () => {
    expect(
      codeOf(() => decideConversion(convert({ stageId: 'negotiation' }), lead, dealDecider.initialState)),
    ).toBe('UNKNOWN_STAGE');
    expect(codeOf(() => decideConversion(convert({ pipeline: null }), lead, dealDecider.initialState))).toBe(
      'UNKNOWN_PIPELINE',
    );
    const existing = dealDecider.evolve(dealDecider.initialState, dealOpened());
    expect(codeOf(() => decideConversion(convert(), lead, existing))).toBe('DEAL_EXISTS');
  });

  it('refuses when the lead cannot convert', () => {
    expect(
      codeOf(() => decideConversion(convert(), leadDecider.initialState, dealDecider.initialState)),
    ).toBe('LEAD_NOT_FOUND');
  });
});
