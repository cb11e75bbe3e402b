import { knownPipeline, knownStage } from '../deal/deal.guards.js';
import { requireAmountMinor } from '../shared/money.js';
import { parseIsoDate } from '../shared/time.js';
import { requireId, requireText } from '../shared/validation.js';
import type { ConvertLead } from './lead.commands.js';
import type { ConvertedDeal } from './lead.events.js';

// The deal a conversion opens, checked as opening it would be (pipeline, stage, amount, date), so
// that a conversion is only committed when its deal can open from the facts it carries.
export const convertedDealOf = (command: ConvertLead): ConvertedDeal => {
  const title = requireText('title', command.title);
  const accountId = requireId('accountId', command.accountId);
  const amountMinor = requireAmountMinor('amountMinor', command.amountMinor);
  const pipelineId = requireId('pipelineId', command.pipelineId);
  const expectedCloseDate =
    command.expectedCloseDate === undefined || command.expectedCloseDate === null
      ? null
      : parseIsoDate('expectedCloseDate', command.expectedCloseDate);
  const pipeline = knownPipeline(command.pipeline, pipelineId);
  const stageId = knownStage(pipeline, command.stageId ?? pipeline.stages[0].id);
  return { title, accountId, amountMinor, pipelineId, stageId, expectedCloseDate };
};
