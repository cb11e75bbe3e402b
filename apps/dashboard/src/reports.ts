// The report bodies are those of the report functions (libs/reports), as the API sends them.
export type { CycleTimeReport } from '../../../libs/reports/src/cycle-time.report.js';
export type { ForecastReport } from '../../../libs/reports/src/forecast.report.js';
export type { FunnelReport } from '../../../libs/reports/src/funnel.report.js';
export type { LeadConversionReport } from '../../../libs/reports/src/lead-conversion.report.js';
export type { NewCustomersReport } from '../../../libs/reports/src/new-customers.report.js';
export type { PipelineReport } from '../../../libs/reports/src/pipeline.report.js';
export type { QuotaAttainmentReport } from '../../../libs/reports/src/quota-attainment.report.js';
export type { RepsReport } from '../../../libs/reports/src/reps.report.js';
export type { StageVelocityReport } from '../../../libs/reports/src/stage-velocity.report.js';
export type { WinRateReport } from '../../../libs/reports/src/win-rate.report.js';
export type { DealView, StageVisit } from '../../../libs/domain/src/deal/deal.view.js';
export type { HistoryEntry } from '../../../libs/query/src/history-entry.js';
export type { SlippageReport } from '../../../libs/reports/src/slippage.report.js';
export type { StuckDealsReport } from '../../../libs/reports/src/stuck-deals.report.js';
export type { CustomerValueReport } from '../../../libs/reports/src/customer-value.report.js';
export type { PipelineFlowReport } from '../../../libs/reports/src/pipeline-flow.report.js';
export type { ForecastAccuracyReport } from '../../../libs/reports/src/forecast-accuracy.report.js';
