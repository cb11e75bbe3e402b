import { describe, expect, it } from '@jest/globals';
import { given } from '@sales/testing';
import type { DefinePipeline } from './pipeline.commands.js';
import { pipelineDecider } from './pipeline.decider.js';
import { DEFAULT_PIPELINE, type PipelineStage } from './pipeline.definition.js';
import { defaultPipelineEvent, type PipelineDefined } from './pipeline.events.js';
import { pipelineDefinitionOf } from './pipeline.state.js';

const NOW = '2026-03-01T12:00:00.000Z';
const T1 = '2026-02-01T00:00:00.000Z';

const stages: PipelineStage[] = [
  { id: 'discovery', name: 'Discovery', probability: 0.2 },
  { id: 'proposal', name: 'Proposal', probability: 0.6 },
];

const define = (overrides: Partial<DefinePipeline> = {}): DefinePipeline => ({
  type: 'DefinePipeline',
  pipelineId: 'enterprise',
  name: 'Enterprise',
  stages,
  openDealsByStage: {},
  occurredAt: T1,
  now: NOW,
  ...overrides,
});

const defined = (occurredAt: string, withStages: PipelineStage[] = stages): PipelineDefined => ({
  type: 'PipelineDefined',
  data: { pipelineId: 'enterprise', name: 'Enterprise', stages: withStages, occurredAt },
});

describe('DefinePipeline', () => {
  it('defines a new pipeline', () => {
    given(pipelineDecider, [])
      .when(define())
      .then([defined(T1)]);
  });

  it('redefines an existing one, keeping stages that hold deals', () => {
    const more = [...stages, { id: 'contract', name: 'Contract', probability: 0.9 }];
    given(pipelineDecider, [defined(T1)])
      .when(define({ stages: more, openDealsByStage: { discovery: 3, proposal: 1 }, occurredAt: NOW }))
      .then([defined(NOW, more)]);
  });

  it('allows removing a stage whose deals are all closed', () => {
    given(pipelineDecider, [defined(T1)])
      .when(define({ stages: [stages[0]], openDealsByStage: { proposal: 0 }, occurredAt: NOW }))
      .then([defined(NOW, [stages[0]])]);
  });

  it('refuses to remove stages holding open deals and lists them', () => {
    given(pipelineDecider, [defined(T1)])
      .when(define({ stages: [stages[0]], openDealsByStage: { discovery: 2, proposal: 4 }, occurredAt: NOW }))
      .thenThrows('STAGE_IN_USE', { stages: [{ stageId: 'proposal', openDeals: 4 }] });
  });

  it('trims names', () => {
    given(pipelineDecider, [])
      .when(
        define({
          name: ' Enterprise ',
          stages: [{ id: 'discovery', name: ' Discovery ', probability: 0.2 }, stages[1]],
        }),
      )
      .then([defined(T1)]);
  });

  it.each([
    ['no stages', { stages: [] }],
    [
      '21 stages',
      { stages: Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, probability: 0.5 })) },
    ],
    ['duplicate stage ids', { stages: [stages[0], { ...stages[1], id: 'discovery' }] }],
    ['a probability above 1', { stages: [{ ...stages[0], probability: 1.2 }] }],
    ['a negative probability', { stages: [{ ...stages[0], probability: -0.1 }] }],
    ['a blank stage name', { stages: [{ ...stages[0], name: '  ' }] }],
    ['a malformed stage id', { stages: [{ ...stages[0], id: 'no spaces' }] }],
    ['a blank pipeline name', { name: '' }],
  ])('refuses %s with INVALID_PIPELINE', (_label, overrides) => {
    given(pipelineDecider, []).when(define(overrides)).thenThrows('INVALID_PIPELINE');
  });

  it('accepts exactly 20 stages and probabilities 0 and 1', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({
      id: `s${i}`,
      name: `S${i}`,
      probability: i === 0 ? 0 : 1,
    }));
    given(pipelineDecider, [])
      .when(define({ stages: twenty }))
      .then([defined(T1, twenty)]);
  });

  it('lists every problem in the details', () => {
    const error = given(pipelineDecider, [])
      .when(define({ name: '', stages: [{ id: 'a', name: '', probability: 2 }] }))
      .thenThrows('INVALID_PIPELINE');
    expect(error.details?.problems).toEqual([
      { field: 'name', message: expect.any(String) },
      { field: 'stages[0].name', message: expect.any(String) },
      { field: 'stages[0].probability', message: expect.any(String) },
    ]);
  });

  it('refuses a definition dated before the current one', () => {
    given(pipelineDecider, [defined(NOW)])
      .when(define({ occurredAt: T1 }))
      .thenThrows('OUT_OF_ORDER');
  });

  it('allows a definition dated at the same instant as the current one', () => {
    given(pipelineDecider, [defined(T1)])
      .when(define())
      .then([defined(T1)]);
  });

  it('refuses a definition dated more than 5 minutes ahead', () => {
    given(pipelineDecider, [])
      .when(define({ occurredAt: '2026-03-01T12:05:01.000Z' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
});

describe('the default pipeline', () => {
  it('is defined at the epoch with the contract stages', () => {
    expect(defaultPipelineEvent()).toEqual({
      type: 'PipelineDefined',
      data: {
        pipelineId: 'default',
        name: 'Default',
        stages: [
          { id: 'prospecting', name: 'Prospecting', probability: 0.1 },
          { id: 'qualification', name: 'Qualification', probability: 0.25 },
          { id: 'quote', name: 'Quote', probability: 0.5 },
          { id: 'contract', name: 'Contract', probability: 0.8 },
        ],
        occurredAt: '1970-01-01T00:00:00.000Z',
      },
    });
  });

  it('folds into a state whose definition deal commands can carry', () => {
    const state = pipelineDecider.evolve(pipelineDecider.initialState, defaultPipelineEvent());
    expect(pipelineDefinitionOf(state)).toEqual(DEFAULT_PIPELINE);
    expect(pipelineDefinitionOf(pipelineDecider.initialState)).toBeNull();
  });

  it('hands out a fresh event each time', () => {
    expect(defaultPipelineEvent().data.stages).not.toBe(defaultPipelineEvent().data.stages);
  });

  it('can be redefined later', () => {
    given(pipelineDecider, [defaultPipelineEvent()])
      .when(define({ pipelineId: 'default', name: 'Default', openDealsByStage: { prospecting: 0 } }))
      .then([
        { type: 'PipelineDefined', data: { pipelineId: 'default', name: 'Default', stages, occurredAt: T1 } },
      ]);
  });
});
