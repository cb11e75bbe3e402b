import { ConversionCompleter } from './leads/conversion-completer.js';
import { ConversionProcess } from './leads/conversion-process.js';
import { ConvertLeadHandler } from './leads/convert-lead.handler.js';
import { RunCommandHandler } from './commands/run-command.handler.js';
import { DealsController } from './deals/deals.controller.js';
import { LeadsController } from './leads/leads.controller.js';
import { OpenDealsByStage } from './pipelines/open-deals-by-stage.js';
import { PipelineLookup } from './pipelines/pipeline-lookup.js';
import { StageGuard } from './pipelines/stage-guard.js';
import { PipelinesController } from './pipelines/pipelines.controller.js';
import { QuotasController } from './quotas/quotas.controller.js';

export const COMMAND_CONTROLLERS = [PipelinesController, LeadsController, DealsController, QuotasController];

export const COMMAND_HANDLERS = [
  PipelineLookup,
  OpenDealsByStage,
  StageGuard,
  RunCommandHandler,
  ConvertLeadHandler,
  ConversionCompleter,
  ConversionProcess,
];
