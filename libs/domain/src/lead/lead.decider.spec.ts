import { describe, it } from '@jest/globals';
import { given } from '@sales/testing';
import type { ActivityLogged } from '../shared/activity.js';
import type { CaptureLead, ConvertLead, DisqualifyLead, LogLeadActivity } from './lead.commands.js';
import { DEFAULT_PIPELINE } from '../pipeline/pipeline.definition.js';
import { leadDecider } from './lead.decider.js';
import type {
  LeadCaptured,
  LeadConversionReverted,
  LeadConverted,
  LeadDisqualified,
} from './lead.events.js';

const NOW = '2026-03-10T12:00:00.000Z';
const CAPTURED = '2026-03-01T09:00:00.000Z';
const LATER = '2026-03-02T09:00:00.000Z';
const time = { occurredAt: LATER, now: NOW };

const captured: LeadCaptured = {
  type: 'LeadCaptured',
  data: {
    leadId: 'L1',
    source: 'web',
    company: 'Acme',
    contact: 'ann@acme.test',
    ownerId: 'alice',
    occurredAt: CAPTURED,
  },
};
const converted: LeadConverted = {
  type: 'LeadConverted',
  data: {
    leadId: 'L1',
    dealId: 'D1',
    ownerId: 'alice',
    source: 'web',
    capturedAt: CAPTURED,
    deal: {
      title: 'Acme rollout',
      accountId: 'acme',
      amountMinor: 500_000,
      pipelineId: 'default',
      stageId: 'prospecting',
      expectedCloseDate: null,
    },
    occurredAt: LATER,
  },
};
const disqualified: LeadDisqualified = {
  type: 'LeadDisqualified',
  data: {
    leadId: 'L1',
    reason: 'no budget',
    ownerId: 'alice',
    source: 'web',
    capturedAt: CAPTURED,
    occurredAt: LATER,
  },
};

const capture = (overrides: Partial<CaptureLead> = {}): CaptureLead => ({
  type: 'CaptureLead',
  leadId: 'L1',
  source: 'web',
  company: 'Acme',
  contact: 'ann@acme.test',
  ownerId: 'alice',
  occurredAt: CAPTURED,
  now: NOW,
  ...overrides,
});
const logActivity = (overrides: Partial<LogLeadActivity> = {}): LogLeadActivity => ({
  type: 'LogLeadActivity',
  leadId: 'L1',
  activityId: 'A1',
  activityType: 'call',
  ...time,
  ...overrides,
});
const convert = (overrides: Partial<ConvertLead> = {}): ConvertLead => ({
  type: 'ConvertLead',
  leadId: 'L1',
  dealId: 'D1',
  title: 'Acme rollout',
  accountId: 'acme',
  amountMinor: 500_000,
  pipelineId: 'default',
  pipeline: DEFAULT_PIPELINE,
  ...time,
  ...overrides,
});
const disqualify = (overrides: Partial<DisqualifyLead> = {}): DisqualifyLead => ({
  type: 'DisqualifyLead',
  leadId: 'L1',
  reason: 'no budget',
  ...time,
  ...overrides,
});

const activity = (data: Partial<ActivityLogged['data']> = {}): ActivityLogged => ({
  type: 'ActivityLogged',
  data: {
    activityId: 'A1',
    entity: 'lead',
    leadId: 'L1',
    dealId: null,
    type: 'call',
    performedBy: 'alice',
    ownerId: 'alice',
    outcome: null,
    notes: null,
    occurredAt: LATER,
    ...data,
  },
});

describe('CaptureLead', () => {
  it('captures a new lead', () => {
    given(leadDecider, []).when(capture()).then([captured]);
  });

  it('records a missing contact as null and trims text', () => {
    given(leadDecider, [])
      .when(capture({ contact: undefined, company: '  Acme ' }))
      .then([{ ...captured, data: { ...captured.data, contact: null } }]);
  });

  it('refuses an existing lead with LEAD_EXISTS', () => {
    given(leadDecider, [captured]).when(capture()).thenThrows('LEAD_EXISTS');
  });

  it('refuses a malformed owner id', () => {
    given(leadDecider, [])
      .when(capture({ ownerId: 'a b' }))
      .thenThrows('VALIDATION_FAILED');
  });

  it('refuses a time more than 5 minutes ahead of now', () => {
    given(leadDecider, [])
      .when(capture({ occurredAt: '2026-03-10T12:05:00.001Z' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
});

describe('LogLeadActivity', () => {
  it('defaults performedBy to the owner', () => {
    given(leadDecider, [captured]).when(logActivity()).then([activity()]);
  });

  it('keeps performedBy, outcome and notes when given', () => {
    given(leadDecider, [captured])
      .when(
        logActivity({
          activityType: 'demo',
          performedBy: 'bob',
          outcome: 'interested',
          notes: 'asked for pricing',
        }),
      )
      .then([
        activity({ type: 'demo', performedBy: 'bob', outcome: 'interested', notes: 'asked for pricing' }),
      ]);
  });

  it.each([
    ['converted', converted],
    ['disqualified', disqualified],
  ])('is allowed on a %s lead', (_label, final) => {
    given(leadDecider, [captured, final]).when(logActivity()).then([activity()]);
  });

  it('refuses a missing lead with LEAD_NOT_FOUND', () => {
    given(leadDecider, []).when(logActivity()).thenThrows('LEAD_NOT_FOUND');
  });

  it('refuses an activity id already logged with ACTIVITY_EXISTS', () => {
    given(leadDecider, [captured, activity()]).when(logActivity()).thenThrows('ACTIVITY_EXISTS');
  });

  it('refuses an unknown activity type', () => {
    given(leadDecider, [captured])
      .when(logActivity({ activityType: 'lunch' as LogLeadActivity['activityType'] }))
      .thenThrows('VALIDATION_FAILED');
  });

  it('refuses a time before the latest event on the lead with OUT_OF_ORDER', () => {
    given(leadDecider, [captured, activity()])
      .when(logActivity({ activityId: 'A2', occurredAt: CAPTURED }))
      .thenThrows('OUT_OF_ORDER');
  });

  it('allows a time equal to the latest event on the lead', () => {
    given(leadDecider, [captured])
      .when(logActivity({ occurredAt: CAPTURED }))
      .then([activity({ occurredAt: CAPTURED })]);
  });
});

describe('ConvertLead', () => {
  it('converts an open lead, carrying its owner, source and capture time', () => {
    given(leadDecider, [captured]).when(convert()).then([converted]);
  });

  it('refuses a missing lead with LEAD_NOT_FOUND', () => {
    given(leadDecider, []).when(convert()).thenThrows('LEAD_NOT_FOUND');
  });

  it('refuses a converted lead with LEAD_ALREADY_CONVERTED', () => {
    given(leadDecider, [captured, converted])
      .when(convert({ dealId: 'D2' }))
      .thenThrows('LEAD_ALREADY_CONVERTED', {
        dealId: 'D1',
      });
  });

  it('refuses a disqualified lead with LEAD_DISQUALIFIED', () => {
    given(leadDecider, [captured, disqualified]).when(convert()).thenThrows('LEAD_DISQUALIFIED');
  });

  it('refuses a time before the capture with OUT_OF_ORDER', () => {
    given(leadDecider, [captured])
      .when(convert({ occurredAt: '2026-02-28T00:00:00.000Z' }))
      .thenThrows('OUT_OF_ORDER');
  });
});

describe('ConvertLead: the deal it opens is decided with it', () => {
  it('carries the deal, in the first stage unless one is named', () => {
    given(leadDecider, [captured])
      .when(convert({ stageId: 'quote', expectedCloseDate: '2026-06-30' }))
      .then([
        {
          ...converted,
          data: {
            ...converted.data,
            deal: { ...converted.data.deal!, stageId: 'quote', expectedCloseDate: '2026-06-30' },
          },
        },
      ]);
  });

  it('refuses what the deal could not open with, before anything is committed', () => {
    given(leadDecider, [captured]).when(convert({ pipeline: null })).thenThrows('UNKNOWN_PIPELINE');
    given(leadDecider, [captured]).when(convert({ stageId: 'nowhere' })).thenThrows('UNKNOWN_STAGE');
    given(leadDecider, [captured]).when(convert({ amountMinor: -1 })).thenThrows('INVALID_AMOUNT');
    given(leadDecider, [captured]).when(convert({ title: ' ' })).thenThrows('VALIDATION_FAILED');
  });
});

const reverted: LeadConversionReverted = {
  type: 'LeadConversionReverted',
  data: {
    leadId: 'L1',
    dealId: 'D1',
    reason: 'DEAL_EXISTS',
    ownerId: 'alice',
    source: 'web',
    capturedAt: CAPTURED,
    occurredAt: LATER,
  },
};
const revert = { type: 'RevertConversion', leadId: 'L1', dealId: 'D1', reason: 'DEAL_EXISTS' } as const;

describe('RevertConversion', () => {
  it('reverts the conversion into that deal, dated at the conversion', () => {
    given(leadDecider, [captured, converted]).when(revert).then([reverted]);
  });

  it('leaves the lead open again: it may be converted (into another deal) or disqualified', () => {
    given(leadDecider, [captured, converted, reverted])
      .when(convert({ dealId: 'D2' }))
      .then([{ ...converted, data: { ...converted.data, dealId: 'D2' } }]);
    given(leadDecider, [captured, converted, reverted]).when(disqualify()).then([disqualified]);
  });

  it('decides nothing for a lead not converted into that deal (a stale or repeated request)', () => {
    given(leadDecider, [captured]).when(revert).then([]);
    given(leadDecider, [captured, converted, reverted]).when(revert).then([]);
    given(leadDecider, [captured, converted]).when({ ...revert, dealId: 'D9' }).then([]);
    given(leadDecider, [captured, disqualified]).when(revert).then([]);
  });
});

describe('DisqualifyLead', () => {
  it('disqualifies an open lead', () => {
    given(leadDecider, [captured]).when(disqualify()).then([disqualified]);
  });

  it('refuses a blank reason', () => {
    given(leadDecider, [captured])
      .when(disqualify({ reason: ' ' }))
      .thenThrows('VALIDATION_FAILED');
  });

  it('refuses a missing lead with LEAD_NOT_FOUND', () => {
    given(leadDecider, []).when(disqualify()).thenThrows('LEAD_NOT_FOUND');
  });

  it('refuses a converted lead with LEAD_ALREADY_CONVERTED', () => {
    given(leadDecider, [captured, converted]).when(disqualify()).thenThrows('LEAD_ALREADY_CONVERTED');
  });

  it('refuses a disqualified lead with LEAD_DISQUALIFIED', () => {
    given(leadDecider, [captured, disqualified]).when(disqualify()).thenThrows('LEAD_DISQUALIFIED');
  });

  it('refuses a time before the latest event on the lead with OUT_OF_ORDER', () => {
    given(leadDecider, [captured, activity({ occurredAt: LATER })])
      .when(disqualify({ occurredAt: '2026-03-01T10:00:00.000Z' }))
      .thenThrows('OUT_OF_ORDER');
  });
});
