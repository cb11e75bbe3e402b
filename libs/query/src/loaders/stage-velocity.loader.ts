import { VISITS, type VisitDoc } from '@sales/projections';
import { stageVelocityReport } from '@sales/reports';
import { find, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Visits that ended in the window, off (pipelineId, exitedAt); the pipeline's open visits, off
// (pipelineId, status).
export const stageVelocityLoader: ReportLoader = {
  projections: ['stage-visits', 'reference'],
  load: async (reads, params) => {
    const pipelineId = params.pipelineId as string;
    const { from, to } = window(params);
    const [stages, exits, open] = await Promise.all([
      stagesAt(reads, pipelineId, params.asOf),
      find<VisitDoc>(reads, 'stage-visits', VISITS, windowQuery('exitedAt', from, to, { pipelineId })),
      find<VisitDoc>(reads, 'stage-visits', VISITS, { where: { pipelineId, status: 'open' } }),
    ]);
    return stageVelocityReport(
      { exits, open, stages },
      { from, to, ...filters(params), pipelineId, asOf: params.asOf, groupBy: params.groupBy },
    );
  },
};
