import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  hasStage,
  type PipelineDefinition,
  pipelineDecider,
  pipelineDefinitionOf,
  pipelineStream,
} from '@sales/domain';
import { AggregateRepository } from '../commands/aggregate-repository.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { systemContext } from '@sales/event-store';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { OpenDealsByStage } from './open-deals-by-stage.js';
import { PipelineLookup } from './pipeline-lookup.js';

// STAGE_IN_USE reads across streams, so each side checks the other after its own append: a
// redefinition re-counts the deals in the stages it removed, a deal that entered a stage re-reads
// its pipeline. Whichever append came second, its writer sees the first (the store orders both),
// and the removal is withdrawn: the stage is defined again. Only a process dying between its
// append and its check leaves a deal in a stage the pipeline no longer defines (see README).
@Injectable()
export class StageGuard {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(OpenDealsByStage) private readonly openDeals: OpenDealsByStage,
    @Inject(PipelineLookup) private readonly pipelines: PipelineLookup,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** After a redefinition: refuses it (withdrawn, STAGE_IN_USE) when a removed stage got a deal meanwhile. */
  async afterDefinition(previous: PipelineDefinition | null, defined: PipelineDefinition): Promise<void> {
    const removed = (previous?.stages ?? []).filter((stage) => !hasStage(defined, stage.id));
    if (!previous || removed.length === 0) return;
    const counts = await this.openDeals.count(defined.pipelineId);
    const inUse = removed.filter((stage) => (counts[stage.id] ?? 0) > 0);
    if (inUse.length === 0) return;
    await this.restore(
      previous,
      inUse.map((stage) => stage.id),
    );
    throw new DomainError(
      'STAGE_IN_USE',
      `stages still hold open deals: ${inUse.map((s) => s.id).join(', ')}`,
      {
        stages: inUse.map((stage) => ({ stageId: stage.id, openDeals: counts[stage.id] })),
      },
    );
  }

  /** After a deal entered `stageId`: defines it again if it was removed since the deal was decided. */
  async afterEntry(pipelineId: string, stageId: string): Promise<void> {
    const current = await this.pipelines.definition(pipelineId);
    if (!current || hasStage(current, stageId)) return;
    const previous = await this.lastDefinitionWith(pipelineId, stageId);
    if (previous) await this.restore(previous, [stageId]);
  }

  // The stage's name, probability and place, from the latest definition that had it.
  private async lastDefinitionWith(pipelineId: string, stageId: string): Promise<PipelineDefinition | null> {
    const events = await this.repository.readEvents(pipelineStream(pipelineId));
    for (const event of events.reverse()) {
      const state = pipelineDecider.evolve(pipelineDecider.initialState, this.repository.toDomain(event));
      const definition = pipelineDefinitionOf(state);
      if (definition && hasStage(definition, stageId)) return definition;
    }
    return null;
  }

  private async restore(previous: PipelineDefinition, stageIds: string[]): Promise<void> {
    const { pipelineId, stages } = previous;
    await this.executor.execute(
      pipelineStream(pipelineId),
      pipelineDecider,
      { type: 'RestoreStages', pipelineId, stageIds, previous: stages },
      systemContext(this.clock.now()),
    );
  }
}
