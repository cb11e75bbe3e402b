import type { Projection } from '../runtime/projection.js';
import { accountsProjection } from './accounts.projection.js';
import { activitiesProjection } from './activities.projection.js';
import { dealChangesProjection } from './deal-changes.projection.js';
import { dealsProjection } from './deals.projection.js';
import { leadsProjection } from './leads.projection.js';
import { referenceProjection } from './reference.projection.js';
import { stageOutcomesProjection } from './stage-outcomes.projection.js';
import { stageVisitsProjection } from './stage-visits.projection.js';

export const ALL_PROJECTIONS: Projection[] = [
  dealsProjection,
  leadsProjection,
  referenceProjection,
  stageVisitsProjection,
  stageOutcomesProjection,
  accountsProjection,
  activitiesProjection,
  dealChangesProjection,
];
