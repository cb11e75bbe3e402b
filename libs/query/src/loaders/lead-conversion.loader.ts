import { type LeadDoc, LEADS } from '@sales/projections';
import { leadConversionReport } from '@sales/reports';
import { find, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Leads captured in the window, off the capturedAt index.
export const leadConversionLoader: ReportLoader = {
  projections: ['leads'],
  load: async (reads, params) => {
    const { from, to } = window(params);
    const leads = await find<LeadDoc>(reads, 'leads', LEADS, windowQuery('capturedAt', from, to));
    return leadConversionReport({ leads }, { from, to, ...filters(params) });
  },
};
