import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sales/event-store';
import { type DealDoc, DEALS, dealsProjection } from '@sales/projections';
import { ReadModels } from '../read-models/read-models.js';

// Which stages still hold open deals, for STAGE_IN_USE: counted in the deals read model once it
// has applied every event in the log when asked (the head's position, as a query's minPosition),
// so the count holds every process's appends up to then, the caller's own included. A read model
// that cannot get there within the minPosition wait answers PROJECTION_LAGGING.
@Injectable()
export class OpenDealsByStage {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async count(pipelineId: string): Promise<Record<string, number>> {
    const head = await this.events.headPosition();
    const ref = await this.readModels.serving(dealsProjection.name, head);
    const open = (await this.readModels.store.find(ref, DEALS, {
      where: { status: 'open', pipelineId },
    })) as unknown as DealDoc[];
    const counts: Record<string, number> = {};
    for (const { stageId } of open) counts[stageId] = (counts[stageId] ?? 0) + 1;
    return counts;
  }
}
