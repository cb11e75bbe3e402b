import { type DealDoc, DEALS, type QuotaDoc, QUOTAS } from '@sales/projections';
import { dateBounds, parsePeriod, type Period, quotaAttainmentReport } from '@sales/reports';
import { find, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader } from './loader.js';

// The period's quotas, off the period index; deals won in it, off (status, closedAt); open deals
// expected to close in it, off (status, expectedCloseDate).
export const quotaAttainmentLoader: ReportLoader = {
  projections: ['deals', 'reference'],
  load: async (reads, params) => {
    const period = parsePeriod(params.period as string) as Period;
    if (params.pipelineId !== null) await stagesAt(reads, params.pipelineId, params.asOf);
    const [quotas, won, open] = await Promise.all([
      find<QuotaDoc>(reads, 'reference', QUOTAS, { where: { period: period.period } }),
      find<DealDoc>(
        reads,
        'deals',
        DEALS,
        windowQuery('closedAt', period.from, period.to, { status: 'won' }),
      ),
      find<DealDoc>(reads, 'deals', DEALS, {
        where: { status: 'open', expectedCloseDate: dateBounds(period) },
        orderBy: [{ field: 'expectedCloseDate', direction: 'asc' }],
      }),
    ]);
    return quotaAttainmentReport(
      { quotas, won, open },
      { ...filters(params), ...period, pipelineId: params.pipelineId, asOf: params.asOf },
    );
  },
};
