export * from './report-params.js';
export * from './report-reads.js';
export * from './report-query.js';
export * from './report-runner.js';
export * from './report-currency.js';
export * from './csv.js';
export { REPORT_LOADERS, type LoadParams, type ReportLoader } from './loaders/index.js';
export * from './history-entry.js';
