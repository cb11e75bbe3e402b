import { describe, expect, it } from '@jest/globals';
import type { LeadConversionReport } from './lead-conversion.report.js';
import { at } from './spec-support/history-dsl.js';
import { leadHistory } from './spec-support/fixtures.js';
import { reportOf } from './spec-support/report-fixture.js';

const window = { from: at(0), to: at(30) };

describe('lead conversion', () => {
  it('follows the leads captured in the window to their status at asOf, by source', async () => {
    expect(await reportOf<LeadConversionReport>('lead-conversion', leadHistory, window)).toEqual({
      captured: 5, // L1..L5
      converted: 3, // L1 L2 L5
      disqualified: 1, // L3
      open: 1, // L4
      conversionRate: 3 / 5,
      daysToConvert: { median: 4 }, // 0.5, 4, 10
      bySource: [
        {
          key: 'ads', // L3 L5
          captured: 2,
          converted: 1,
          disqualified: 1,
          open: 0,
          conversionRate: 1 / 2,
          daysToConvert: { median: 10 },
        },
        {
          key: 'webinar', // L1 L2 L4
          captured: 3,
          converted: 2,
          disqualified: 0,
          open: 1,
          conversionRate: 2 / 3,
          daysToConvert: { median: (0.5 + 4) / 2 },
        },
      ],
    });
  });

  it("narrows to the lead's owner; nulls when nothing converted or nothing was captured", async () => {
    const bo = await reportOf<LeadConversionReport>('lead-conversion', leadHistory, {
      ...window,
      ownerId: 'bo',
    });
    expect(bo).toMatchObject({ captured: 2, converted: 0, disqualified: 1, open: 1, conversionRate: 0 });
    expect(bo.daysToConvert.median).toBeNull();
    const none = await reportOf<LeadConversionReport>('lead-conversion', leadHistory, {
      from: at(50),
      to: at(60),
    });
    expect(none).toEqual({
      captured: 0,
      converted: 0,
      disqualified: 0,
      open: 0,
      conversionRate: null,
      daysToConvert: { median: null },
      bySource: [],
    });
  });
});
