import type { ReportName } from '@sales/reports';
import { cycleTimeLoader, winRateLoader } from './closed-deals.loader.js';
import { customerValueLoader } from './customer-value.loader.js';
import { forecastLoader } from './forecast.loader.js';
import { funnelLoader } from './funnel.loader.js';
import { leadConversionLoader } from './lead-conversion.loader.js';
import type { ReportLoader } from './loader.js';
import { newCustomersLoader } from './new-customers.loader.js';
import { pipelineLoader } from './pipeline.loader.js';
import { pipelineFlowLoader } from './pipeline-flow.loader.js';
import { forecastAccuracyLoader } from './forecast-accuracy.loader.js';
import { quotaAttainmentLoader } from './quota-attainment.loader.js';
import { repsLoader } from './reps.loader.js';
import { slippageLoader } from './slippage.loader.js';
import { stageVelocityLoader } from './stage-velocity.loader.js';
import { stuckDealsLoader } from './stuck-deals.loader.js';

export type { LoadParams, ReportLoader } from './loader.js';

export const REPORT_LOADERS: Record<ReportName, ReportLoader> = {
  funnel: funnelLoader,
  'stage-velocity': stageVelocityLoader,
  'cycle-time': cycleTimeLoader,
  'win-rate': winRateLoader,
  'lead-conversion': leadConversionLoader,
  'new-customers': newCustomersLoader,
  forecast: forecastLoader,
  'quota-attainment': quotaAttainmentLoader,
  reps: repsLoader,
  pipeline: pipelineLoader,
  slippage: slippageLoader,
  'stuck-deals': stuckDealsLoader,
  'customer-value': customerValueLoader,
  'pipeline-flow': pipelineFlowLoader,
  'forecast-accuracy': forecastAccuracyLoader,
};
