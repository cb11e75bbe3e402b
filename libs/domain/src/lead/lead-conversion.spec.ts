import { describe, expect, it } from '@jest/globals';
import { dealOpened } from '@sales/testing';
import { dealDecider } from '../deal/deal.decider.js';
import { DEFAULT_PIPELINE } from '../pipeline/pipeline.definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { ConvertLead } from './lead.commands.js';
import { given } from '@sales/testing';
import { decideConversion, openConvertedDeal } from './lead-conversion.js';
import { leadDecider } from './lead.decider.js';
import type { LeadCaptured, LeadConverted } from './lead.events.js';

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
  it('commits the conversion on the lead, carrying the deal it opens; the deal opens from that event alone', () => {
    const deal = {
      title: 'Acme rollout',
      accountId: 'acme',
      amountMinor: 500_000,
      pipelineId: 'default',
      stageId: 'prospecting',
      expectedCloseDate: '2026-06-30',
    };
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
            deal,
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

describe('OpenConvertedDeal: the second half, for whoever appends it', () => {
  const [converted] = decideConversion(convert(), lead, dealDecider.initialState).leadEvents as LeadConverted[];

  it('opens the deal from the committed conversion, even after its pipeline changed', () => {
    given(dealDecider, [])
      .when(openConvertedDeal(converted))
      .then([
        dealOpened({
          ownerId: 'carol',
          source: 'referral',
          leadId: 'L1',
          leadCapturedAt: CAPTURED,
          occurredAt: AT,
        }),
      ]);
  });

  it('refuses a deal id taken in between with DEAL_EXISTS (the conversion is then reverted)', () => {
    given(dealDecider, [dealOpened()]).when(openConvertedDeal(converted)).thenThrows('DEAL_EXISTS');
  });

  it('refuses a conversion recorded before it carried its deal', () => {
    const { deal: _deal, ...legacy } = converted.data;
    given(dealDecider, [])
      .when(openConvertedDeal({ ...converted, data: legacy }))
      .thenThrows('VALIDATION_FAILED');
  });
});
