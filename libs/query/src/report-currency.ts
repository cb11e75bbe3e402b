import type { ReportResponse } from './report-runner.js';

// Amounts in a report are in the deployment currency (SALES_CURRENCY): every answer says which,
// right after `position`, so that a CSV carries it as a leading column on every row, where a
// spreadsheet keeps it beside the figures (a comment line above the header would break the import).
export const withCurrency = (report: ReportResponse, currency: string): ReportResponse => ({
  ...report,
  currency,
});

export const CSV_CLOSING_PARAMETER_COLUMNS = ['position', 'currency'];
