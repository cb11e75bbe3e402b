import { describe, it } from '@jest/globals';
import { given } from '@sales/testing';
import type { RestoreStages } from './pipeline.commands.js';
import { pipelineDecider } from './pipeline.decider.js';
import type { PipelineStage } from './pipeline.definition.js';
import type { PipelineDefined } from './pipeline.events.js';

const T1 = '2026-02-01T00:00:00.000Z';
const T2 = '2026-02-10T00:00:00.000Z';
const stage = (id: string, probability: number): PipelineStage => ({ id, name: id.toUpperCase(), probability });
const [a, b, c, d] = [stage('a', 0.1), stage('b', 0.3), stage('c', 0.6), stage('d', 0.9)];

const defined = (occurredAt: string, stages: PipelineStage[]): PipelineDefined => ({
  type: 'PipelineDefined',
  data: { pipelineId: 'p', name: 'P', stages, occurredAt },
});
const restore = (stageIds: string[], previous = [a, b, c, d]): RestoreStages => ({
  type: 'RestoreStages',
  pipelineId: 'p',
  stageIds,
  previous,
});

describe('RestoreStages: a removal that raced a deal entering the stage is withdrawn', () => {
  it('defines the stage again in its former place, dated with the removal', () => {
    given(pipelineDecider, [defined(T1, [a, b, c, d]), defined(T2, [a, d])])
      .when(restore(['c']))
      .then([defined(T2, [a, c, d])]);
  });

  it('puts a stage whose predecessors are all gone first, and several back in order', () => {
    given(pipelineDecider, [defined(T2, [c, d])])
      .when(restore(['a', 'b']))
      .then([defined(T2, [a, b, c, d])]);
  });

  it('keeps stages added by the removal where the definition put them', () => {
    const e = stage('e', 0.5);
    given(pipelineDecider, [defined(T2, [a, e, d])])
      .when(restore(['b']))
      .then([defined(T2, [a, b, e, d])]);
  });

  it('decides nothing when the stage is there already or the pipeline is unknown', () => {
    given(pipelineDecider, [defined(T2, [a, b, c, d])])
      .when(restore(['c']))
      .then([]);
    given(pipelineDecider, []).when(restore(['c'])).then([]);
    given(pipelineDecider, [defined(T2, [a, d])])
      .when(restore(['x']))
      .then([]);
  });
});
