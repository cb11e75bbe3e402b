import { customerValuePanel } from './customer-value.panel.js';
import { cycleTimePanel } from './cycle-time.panel.js';
import { forecastPanel } from './forecast.panel.js';
import { forecastAccuracyPanel } from './forecast-accuracy.panel.js';
import { funnelPanel } from './funnel.panel.js';
import { leadConversionPanel } from './lead-conversion.panel.js';
import { newCustomersPanel } from './new-customers.panel.js';
import { pipelinePanel } from './pipeline.panel.js';
import { pipelineFlowPanel } from './pipeline-flow.panel.js';
import { quotaAttainmentPanel } from './quota-attainment.panel.js';
import { repsPanel } from './reps.panel.js';
import { slippagePanel } from './slippage.panel.js';
import { stageVelocityPanel } from './stage-velocity.panel.js';
import { stuckDealsPanel } from './stuck-deals.panel.js';
import { winRatePanel } from './win-rate.panel.js';

/** The panels in page order. */
export const ALL_PANELS = [
  funnelPanel,
  stageVelocityPanel,
  cycleTimePanel,
  winRatePanel,
  leadConversionPanel,
  newCustomersPanel,
  forecastPanel,
  quotaAttainmentPanel,
  repsPanel,
  pipelinePanel,
  slippagePanel,
  stuckDealsPanel,
  customerValuePanel,
  pipelineFlowPanel,
  forecastAccuracyPanel,
];
