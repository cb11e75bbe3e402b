import { Inject, Injectable } from '@nestjs/common';
import { PipelineDefinition, pipelineDecider, pipelineDefinitionOf, pipelineStream } from '@sales/domain';
import { AggregateRepository } from '../commands/aggregate-repository.js';

@Injectable()
export class PipelineLookup {
  constructor(@Inject(AggregateRepository) private readonly repository: AggregateRepository) {}

  async definition(pipelineId: string): Promise<PipelineDefinition | null> {
    // Always caught up with the store: a deal command must never decide against an old stage list.
    const { state } = await this.repository.load(pipelineStream(pipelineId), pipelineDecider, {
      fresh: true,
    });
    return pipelineDefinitionOf(state);
  }
}
