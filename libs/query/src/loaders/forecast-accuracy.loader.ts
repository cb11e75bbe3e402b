import { DomainError } from '@sales/domain';
import { type DealDoc, DEALS } from '@sales/projections';
import { forecastAccuracyReport, MAX_FORECAST_INSTANTS } from '@sales/reports';
import { find, windowQuery } from '../report-reads.js';
import { forecastRows } from './forecast.loader.js';
import { filters, type LoadParams, type ReportLoader, window } from './loader.js';

// 1–12 instants, each before `to` and none after asOf (a snapshot later than asOf would know of
// business time the report is not to see).
function instantsOf(params: LoadParams): string[] {
  const at = params.at ?? [];
  const refuse = (message: string) => {
    throw new DomainError('VALIDATION_FAILED', message, {
      field: 'at',
      at,
      to: params.to,
      asOf: params.asOf,
    });
  };
  if (at.length < 1 || at.length > MAX_FORECAST_INSTANTS)
    refuse(`at must name 1 to ${MAX_FORECAST_INSTANTS} instants`);
  if (at.some((instant) => instant >= (params.to as string))) refuse('every at must be earlier than to');
  if (at.some((instant) => instant > params.asOf)) refuse('no at may be later than asOf');
  return at;
}

// The forecast loader itself as of each instant (the same reads and report function as the
// `forecast` report with asOf = that instant); the wins of the window off (status, closedAt).
export const forecastAccuracyLoader: ReportLoader = {
  projections: ['deals', 'reference', 'stage-outcomes'],
  load: async (reads, params) => {
    const instants = instantsOf(params);
    const { from, to } = window(params);
    const snapshotAt = async (at: string) => ({
      at,
      rows: (await forecastRows(reads.at(at), { ...params, asOf: at })).rows,
    });
    const [won, snapshots] = await Promise.all([
      find<DealDoc>(reads, 'deals', DEALS, windowQuery('closedAt', from, to, { status: 'won' })),
      Promise.all(instants.map(snapshotAt)),
    ]);
    return forecastAccuracyReport(
      { won, snapshots },
      { from, to, ...filters(params), pipelineId: params.pipelineId as string },
    );
  },
};
