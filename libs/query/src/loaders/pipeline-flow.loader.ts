import { DomainError } from '@sales/domain';
import { type DealDoc, DEALS } from '@sales/projections';
import { pipelineFlowReport } from '@sales/reports';
import { find, type ReportReads, stagesAt } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

const openIn = (reads: ReportReads, pipelineId: string) =>
  find<DealDoc>(reads, 'deals', DEALS, { where: { status: 'open', pipelineId } });

// The pipeline's open deals at `from` and at `to`, each off (status, pipelineId, stageId) as of
// that instant; the state at `to` of those open at `from` that are no longer open then; the
// deals closed in (from, to], off closedAt, for those opened and closed inside.
export const pipelineFlowLoader: ReportLoader = {
  projections: ['deals', 'reference'],
  load: async (reads, params) => {
    const pipelineId = params.pipelineId as string;
    const { from, to } = window(params);
    if (!(from < to && to <= params.asOf))
      throw new DomainError('VALIDATION_FAILED', `from < to ≤ asOf is required (asOf ${params.asOf})`, {
        field: 'to',
        from,
        to,
        asOf: params.asOf,
      });
    const [atFrom, atTo] = [reads.at(from), reads.at(to)];
    const [, before, after, closed] = await Promise.all([
      stagesAt(reads, pipelineId, params.asOf),
      openIn(atFrom, pipelineId),
      openIn(atTo, pipelineId),
      find<DealDoc>(atTo, 'deals', DEALS, {
        where: { closedAt: { gt: from, lte: to } },
        orderBy: [{ field: 'closedAt', direction: 'asc' }],
      }),
    ]);
    const known = new Set([...after, ...closed].map((deal) => deal.dealId));
    const left = before.map((deal) => deal.dealId).filter((dealId) => !known.has(dealId));
    const leftAtTo = (await atTo.store.getMany(atTo.ref('deals'), DEALS, left)) as unknown as DealDoc[];
    return pipelineFlowReport(
      { atFrom: before, atTo: [...after, ...closed, ...leftAtTo] },
      { from, to, ...filters(params), pipelineId },
    );
  },
};
