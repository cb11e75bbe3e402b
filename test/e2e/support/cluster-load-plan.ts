import { random } from '../../../libs/reports/src/demo/random.js';
import {
  type Chain,
  type Expected,
  dealChain,
  leadChain,
  OWNERS,
  pipelineBody,
  pipelineEditChain,
  type PlannedCommand,
  quotaChain,
  type Step,
} from './cluster-load-chains.js';

export type { Chain, Expected, PlannedCommand, Step } from './cluster-load-chains.js';
export { PIPELINES } from './cluster-load-chains.js';

// The cluster test's load, drawn from a seed before it runs: chains of commands, each chain one
// entity's life (a lead captured, worked, converted or disqualified, its deal moved and closed),
// run in order within the chain and concurrently across chains. A step of two commands is sent at
// once to two processes (a disqualification racing a conversion, a pipeline edit racing a stage
// move). Outcomes vary with timing and kills; the plan does not.

export type LoadPlan = { setup: Chain; chains: Chain[]; commands: number };

export function planLoad(seed: number, target: number): LoadPlan {
  const rnd = random(seed);
  let n = 0;
  const cmd = (
    kind: string,
    method: PlannedCommand['method'],
    path: string,
    body: Record<string, unknown>,
    expects: Expected[],
  ): PlannedCommand => {
    n += 1;
    const roll = rnd.next();
    const duplicate = roll < 0.05 ? 'after' : roll < 0.1 ? 'concurrent' : 'none';
    return { n, kind, method, path, body, key: `c${seed}-${n}`, expects, duplicate };
  };
  const single = (c: PlannedCommand): Step => [c];

  const setup: Chain = [
    single(
      cmd('pipeline', 'PUT', '/v1/pipelines/enterprise', pipelineBody('enterprise', true), [
        { stream: 'pipeline-enterprise', type: 'PipelineDefined' },
      ]),
    ),
    single(
      cmd('pipeline', 'PUT', '/v1/pipelines/smb', pipelineBody('smb', true), [
        { stream: 'pipeline-smb', type: 'PipelineDefined' },
      ]),
    ),
    single(
      cmd(
        'capture',
        'POST',
        '/v1/leads',
        { leadId: `probe-${seed}`, source: 'web', company: 'Probe', ownerId: OWNERS[0] },
        [{ stream: `lead-probe-${seed}`, type: 'LeadCaptured' }],
      ),
    ),
  ];
  const chains: Chain[] = [];
  let entity = 0;
  while (n < target) {
    entity += 1;
    const roll = rnd.next();
    if (roll < 0.06) chains.push(quotaChain(rnd, cmd, single));
    else if (roll < 0.08) chains.push(pipelineEditChain(rnd, cmd, single, entity));
    else if (roll < 0.3) chains.push(dealChain(rnd, cmd, single, `d${seed}-${entity}`, null));
    else chains.push(leadChain(rnd, cmd, single, `l${seed}-${entity}`, `d${seed}-${entity}`));
  }
  return { setup, chains, commands: n };
}

// Something to project when the load has ended: an activity on the lead the setup captured.
export function probeCommand(seed: number, i: number): PlannedCommand {
  const leadId = `probe-${seed}`;
  return {
    n: 1_000_000 + i,
    kind: 'lead-activity',
    method: 'POST',
    path: `/v1/leads/${leadId}/activities`,
    body: { activityId: `${leadId}-p${i}`, type: 'note' },
    key: `c${seed}-probe-${i}`,
    expects: [{ stream: `lead-${leadId}`, type: 'ActivityLogged' }],
    duplicate: 'none',
  };
}
