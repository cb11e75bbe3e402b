import { EntitiesController } from './entities/entities.controller.js';
import { EntityReads } from './entities/entity-reads.js';
import { GetDealHandler, GetEntityHistoryHandler, GetLeadHandler } from './entities/entity.queries.js';

export const QUERY_CONTROLLERS = [EntitiesController];

export const QUERY_HANDLERS = [EntityReads, GetDealHandler, GetLeadHandler, GetEntityHistoryHandler];
