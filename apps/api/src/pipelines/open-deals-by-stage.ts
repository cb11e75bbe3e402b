import { Inject, Injectable } from '@nestjs/common';
import { STREAM_PREFIXES } from '@sales/domain';
import { EVENT_STORE, type EventStore, Position } from '@sales/event-store';

type DealPlace = { pipelineId: string; stageId: string; open: boolean };

// Which stages still hold open deals, for STAGE_IN_USE. Kept incrementally from the deal streams:
// each call reads only what was appended since the previous one. Not a projection of the runtime:
// the stage guard asks it on every stage entry and right after its own append, so it must be
// exact at the log's head at once, in every API process, whether or not the projectors (another
// process in server mode, slowed by the read store's write rate) have caught up; waiting for the
// deals read model there made every deal command wait out the projectors' lag.
@Injectable()
export class OpenDealsByStage {
  private readonly deals = new Map<string, DealPlace>();
  private position: Position | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async count(pipelineId: string): Promise<Record<string, number>> {
    await this.catchUp();
    const counts: Record<string, number> = {};
    for (const deal of this.deals.values()) {
      if (deal.open && deal.pipelineId === pipelineId) counts[deal.stageId] = (counts[deal.stageId] ?? 0) + 1;
    }
    return counts;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll(this.position, 5000, { streamPrefixes: [STREAM_PREFIXES.deal] });
      for (const event of page) {
        const deal = this.deals.get(event.stream);
        const data = event.data as { pipelineId?: string; stageId?: string; to?: string };
        switch (event.type) {
          case 'DealOpened':
            this.deals.set(event.stream, {
              pipelineId: String(data.pipelineId),
              stageId: String(data.stageId),
              open: true,
            });
            break;
          case 'DealStageAdvanced':
            if (deal) deal.stageId = String(data.to);
            break;
          case 'DealWon':
          case 'DealLost':
            if (deal) deal.open = false;
            break;
          case 'DealReopened':
            if (deal) Object.assign(deal, { open: true, stageId: String(data.stageId) });
            break;
        }
        this.position = event.position;
      }
      if (page.length < 5000) return;
    }
  }
}
