import { assertNever } from '../shared/assert-never.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertInOrder, assertNotInFuture } from '../shared/time.js';
import { isId } from '../shared/validation.js';
import type { DefinePipeline, PipelineCommand } from './pipeline.commands.js';
import { MAX_PIPELINE_STAGES, type PipelineStage } from './pipeline.definition.js';
import type { PipelineDefined, PipelineEvent } from './pipeline.events.js';
import type { PipelineState } from './pipeline.state.js';
import { decideRestoreStages } from './stage-restore.js';

type Problem = { field: string; message: string };

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

const stageProblems = (stage: PipelineStage, index: number, seen: Set<string>): Problem[] => {
  const field = `stages[${index}]`;
  const problems: Problem[] = [];
  if (!isId(stage.id)) problems.push({ field: `${field}.id`, message: 'must match [A-Za-z0-9_.:-]{1,64}' });
  else if (seen.has(stage.id))
    problems.push({ field: `${field}.id`, message: `duplicate stage id ${stage.id}` });
  if (isBlank(stage.name)) problems.push({ field: `${field}.name`, message: 'must be a non-empty string' });
  const p = stage.probability;
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
    problems.push({ field: `${field}.probability`, message: 'must be a number in [0,1]' });
  }
  return problems;
};

const definitionProblems = (command: DefinePipeline): Problem[] => {
  const problems: Problem[] = [];
  if (!isId(command.pipelineId))
    problems.push({ field: 'pipelineId', message: 'must match [A-Za-z0-9_.:-]{1,64}' });
  if (isBlank(command.name)) problems.push({ field: 'name', message: 'must be a non-empty string' });
  const stages = Array.isArray(command.stages) ? command.stages : [];
  if (stages.length < 1 || stages.length > MAX_PIPELINE_STAGES) {
    problems.push({ field: 'stages', message: `must hold 1 to ${MAX_PIPELINE_STAGES} stages` });
  }
  const seen = new Set<string>();
  stages.forEach((stage, index) => {
    problems.push(...stageProblems(stage, index, seen));
    seen.add(stage.id);
  });
  return problems;
};

// Checked against the counts rather than the previous definition, so a stage that somehow
// holds deals without being in the stream's definition is still protected.
const assertNoOpenDealsRemoved = (command: DefinePipeline): void => {
  const kept = new Set(command.stages.map((stage) => stage.id));
  const inUse = Object.entries(command.openDealsByStage ?? {})
    .filter(([stageId, openDeals]) => !kept.has(stageId) && openDeals > 0)
    .map(([stageId, openDeals]) => ({ stageId, openDeals }));
  if (inUse.length > 0) {
    throw new DomainError(
      'STAGE_IN_USE',
      `stages still hold open deals: ${inUse.map((s) => s.stageId).join(', ')}`,
      {
        stages: inUse,
      },
    );
  }
};

// Redefining is allowed, also with an identical definition: the event dates the decision.
const definePipeline = (command: DefinePipeline, state: PipelineState): PipelineEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const problems = definitionProblems(command);
  if (problems.length > 0) {
    throw new DomainError('INVALID_PIPELINE', 'invalid pipeline definition', { problems });
  }
  assertNoOpenDealsRemoved(command);
  assertInOrder(occurredAt, state.status === 'defined' ? state.lastOccurredAt : null);
  const defined: PipelineDefined = {
    type: 'PipelineDefined',
    data: {
      pipelineId: command.pipelineId,
      name: command.name.trim(),
      stages: command.stages.map((stage) => ({
        id: stage.id,
        name: stage.name.trim(),
        probability: stage.probability,
      })),
      occurredAt,
    },
  };
  return [defined];
};

const evolve = (_state: PipelineState, event: PipelineEvent): PipelineState => {
  switch (event.type) {
    case 'PipelineDefined': {
      const { pipelineId, name, stages, occurredAt } = event.data;
      return { status: 'defined', definition: { pipelineId, name, stages }, lastOccurredAt: occurredAt };
    }
    default:
      return assertNever(event.type);
  }
};

const decide = (command: PipelineCommand, state: PipelineState): PipelineEvent[] => {
  switch (command.type) {
    case 'DefinePipeline':
      return definePipeline(command, state);
    case 'RestoreStages':
      return decideRestoreStages(command, state);
    default:
      return assertNever(command);
  }
};

export const pipelineDecider: Decider<PipelineCommand, PipelineState, PipelineEvent> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
