import { type ActivityDoc, ACTIVITIES, type DealDoc, DEALS, type LeadDoc, LEADS } from '@sales/projections';
import { repsReport } from '@sales/reports';
import { find, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Five windows, each off its own index: openings, closes, activities, captures (of worked leads),
// conversions.
export const repsLoader: ReportLoader = {
  projections: ['deals', 'leads', 'activities', 'reference'],
  load: async (reads, params) => {
    const { from, to } = window(params);
    if (params.pipelineId !== null) await stagesAt(reads, params.pipelineId, params.asOf);
    const [opened, closed, activities, captured, converted] = await Promise.all([
      find<DealDoc>(reads, 'deals', DEALS, windowQuery('openedAt', from, to)),
      find<DealDoc>(reads, 'deals', DEALS, windowQuery('closedAt', from, to)),
      find<ActivityDoc>(reads, 'activities', ACTIVITIES, windowQuery('occurredAt', from, to)),
      // first response: only the leads that were worked at all
      find<LeadDoc>(
        reads,
        'leads',
        LEADS,
        windowQuery('capturedAt', from, to, { firstActivityAt: { ne: null } }),
      ),
      find<LeadDoc>(reads, 'leads', LEADS, windowQuery('convertedAt', from, to)),
    ]);
    return repsReport(
      { opened, closed, activities, captured, converted },
      { from, to, ...filters(params), pipelineId: params.pipelineId },
    );
  },
};
