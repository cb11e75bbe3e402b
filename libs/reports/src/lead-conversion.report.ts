import type { LeadDoc } from '@sales/projections';
import { daysBetween } from './durations.js';
import { groupRows } from './keys.js';
import { matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';
import { rate } from './rate.js';
import { median } from './stats.js';

export type LeadConversionRows = { leads: readonly LeadDoc[] };
export type LeadConversionParams = WindowParams;

export type LeadConversionFigures = {
  captured: number;
  converted: number;
  disqualified: number;
  open: number;
  conversionRate: number | null;
  daysToConvert: { median: number | null };
};
export type LeadConversionReport = LeadConversionFigures & {
  bySource: ({ key: string } & LeadConversionFigures)[];
};

// Population: leads captured in [from, to), by the lead's owner and source; status at asOf.
export function leadConversionReport(
  rows: LeadConversionRows,
  params: LeadConversionParams,
): LeadConversionReport {
  const population = rows.leads.filter(
    (lead) => inWindow(lead.capturedAt, params) && matchesFilters(params, lead.ownerId, lead.source),
  );
  return {
    ...leadConversionFigures(population),
    bySource: groupRows(population, (lead) => lead.source).map(([key, leads]) => ({
      key,
      ...leadConversionFigures(leads),
    })),
  };
}

export function leadConversionFigures(leads: readonly LeadDoc[]): LeadConversionFigures {
  let disqualified = 0;
  let open = 0;
  const toConvert: number[] = [];
  for (const lead of leads) {
    if (lead.status === 'converted') toConvert.push(daysBetween(lead.capturedAt, lead.convertedAt as string));
    else if (lead.status === 'disqualified') disqualified++;
    else open++;
  }
  return {
    captured: leads.length,
    converted: toConvert.length,
    disqualified,
    open,
    conversionRate: rate(toConvert.length, leads.length),
    daysToConvert: { median: median(toConvert) },
  };
}
