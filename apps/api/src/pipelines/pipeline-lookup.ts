import { Inject, Injectable } from '@nestjs/common';
import { PipelineDefinition, pipelineDecider, pipelineDefinitionOf, pipelineStream } from '@sales/domain';
import { AggregateRepository } from '../commands/aggregate-repository.js';

@Injectable()
export class PipelineLookup {
  constructor(@Inject(AggregateRepository) private readonly repository: AggregateRepository) {}

  async definition(pipelineId: string): Promise<PipelineDefinition | null> {
    const { state } = await this.repository.load(pipelineStream(pipelineId), pipelineDecider);
    return pipelineDefinitionOf(state);
  }
}
