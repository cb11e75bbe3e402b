import { SessionController } from './auth/session.controller.js';
import { ListPipelinesHandler, PipelineReadsController } from './pipelines/pipeline-reads.js';
import { AuditController } from './audit/audit.controller.js';
import { ListAuditEventsHandler, VerifyChainHandler } from './audit/audit.queries.js';
import { ListDealsHandler } from './entities/deal-list.js';
import { ProjectionsController } from './projections/projections.controller.js';
import { ReadModels } from './read-models/read-models.js';
import { ReportsController } from './reports/reports.controller.js';
import { Reports, RunReportHandler } from './reports/reports.service.js';
import { EntitiesController } from './entities/entities.controller.js';
import { EntityReads } from './entities/entity-reads.js';
import { GetDealHandler, GetEntityHistoryHandler, GetLeadHandler } from './entities/entity.queries.js';

export const QUERY_CONTROLLERS = [
  EntitiesController,
  PipelineReadsController,
  SessionController,
  ProjectionsController,
  AuditController,
  ReportsController,
];

export const QUERY_HANDLERS = [
  ReadModels,
  EntityReads,
  GetDealHandler,
  GetLeadHandler,
  GetEntityHistoryHandler,
  ListDealsHandler,
  ListPipelinesHandler,
  VerifyChainHandler,
  ListAuditEventsHandler,
  Reports,
  RunReportHandler,
];
