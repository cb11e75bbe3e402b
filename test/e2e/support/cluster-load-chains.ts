import type { Random } from '../../../libs/reports/src/demo/random.js';

// The chains the cluster test's load is made of: one entity's life each, its commands in order.

export type Expected = { stream: string; type: string };

export type PlannedCommand = {
  n: number;
  kind: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** Idempotency-Key and X-Correlation-Id alike: every attempt of the command carries both. */
  key: string;
  /** Events a success appends; the last is the one whose position the response names. */
  expects: Expected[];
  /** Besides the first answer, the same request is sent to another process: after it, or at once. */
  duplicate: 'none' | 'after' | 'concurrent';
};

export type Step = PlannedCommand[];
export type Chain = Step[];
export const OWNERS = Array.from({ length: 10 }, (_, i) => `rep-${i}`);
export const SOURCES = ['web', 'ads', 'referral', 'event', 'partner'];
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'quote_sent', 'note', 'task'];
export const PIPELINES: Record<string, string[]> = {
  default: ['prospecting', 'qualification', 'quote', 'contract'],
  enterprise: ['discovery', 'demo', 'proposal', 'negotiation', 'legal'],
  smb: ['intro', 'trial', 'offer'],
};
// `legal` comes and goes: edits that drop it race deals moving into it (STAGE_IN_USE).
const FLEX_STAGE = 'legal';

export function pipelineBody(id: string, withFlex: boolean) {
  const stages = PIPELINES[id].filter((s) => withFlex || s !== FLEX_STAGE);
  return {
    name: id,
    stages: stages.map((s, i) => ({
      id: s,
      name: s,
      probability: Math.round(((i + 1) / (stages.length + 1)) * 100) / 100,
    })),
  };
}

export type Cmd = (
  kind: string,
  method: PlannedCommand['method'],
  path: string,
  body: Record<string, unknown>,
  expects: Expected[],
) => PlannedCommand;
export type Single = (c: PlannedCommand) => Step;

function activity(rnd: Random, cmd: Cmd, entity: 'lead' | 'deal', id: string, n: number): PlannedCommand {
  return cmd(
    `${entity}-activity`,
    'POST',
    `/v1/${entity}s/${id}/activities`,
    { activityId: `${id}-a${n}`, type: rnd.pick(ACTIVITY_TYPES), performedBy: rnd.pick(OWNERS) },
    [{ stream: `${entity}-${id}`, type: 'ActivityLogged' }],
  );
}

export function leadChain(rnd: Random, cmd: Cmd, single: Single, leadId: string, dealId: string): Chain {
  const lead = `lead-${leadId}`;
  const chain: Chain = [
    single(
      cmd(
        'capture',
        'POST',
        '/v1/leads',
        { leadId, source: rnd.pick(SOURCES), company: `Co ${leadId}`, ownerId: rnd.pick(OWNERS) },
        [{ stream: lead, type: 'LeadCaptured' }],
      ),
    ),
  ];
  for (let i = rnd.int(0, 3); i > 0; i--) chain.push(single(activity(rnd, cmd, 'lead', leadId, i)));
  const pipelineId = rnd.pick(Object.keys(PIPELINES));
  const convert = () =>
    cmd(
      'convert',
      'POST',
      `/v1/leads/${leadId}/convert`,
      {
        dealId,
        title: `Deal ${dealId}`,
        accountId: `acct-${rnd.int(1, 150)}`,
        amount: rnd.int(1, 5000) * 10,
        pipelineId,
      },
      [
        { stream: `deal-${dealId}`, type: 'DealOpened' },
        { stream: lead, type: 'LeadConverted' },
      ],
    );
  const disqualify = () =>
    cmd(
      'disqualify',
      'POST',
      `/v1/leads/${leadId}/disqualify`,
      { reason: rnd.pick(['no budget', 'no fit', 'duplicate']) },
      [{ stream: lead, type: 'LeadDisqualified' }],
    );
  const fate = rnd.next();
  if (fate < 0.5) {
    chain.push(single(convert()));
    chain.push(...dealChain(rnd, cmd, single, dealId, pipelineId));
  } else if (fate < 0.65) chain.push(single(disqualify()));
  else if (fate < 0.8) chain.push([convert(), disqualify()]);
  return chain;
}

// A deal opened directly (leadPipeline null), or the rest of a converted lead's life.
export function dealChain(
  rnd: Random,
  cmd: Cmd,
  single: Single,
  dealId: string,
  leadPipeline: string | null,
): Chain {
  const pipelineId = leadPipeline ?? rnd.pick(Object.keys(PIPELINES));
  const stages = PIPELINES[pipelineId];
  const stream = `deal-${dealId}`;
  // A converted lead's deal was opened by the conversion.
  const chain: Chain = leadPipeline
    ? []
    : [
        single(
          cmd(
            'open',
            'POST',
            '/v1/deals',
            {
              dealId,
              title: `Deal ${dealId}`,
              accountId: `acct-${rnd.int(1, 150)}`,
              ownerId: rnd.pick(OWNERS),
              amount: rnd.int(1, 5000) * 10,
              pipelineId,
              source: rnd.pick(SOURCES),
            },
            [{ stream, type: 'DealOpened' }],
          ),
        ),
      ];
  let stage = stages[0];
  let owner = '';
  for (let i = rnd.int(1, 6); i > 0; i--) {
    const roll = rnd.next();
    if (roll < 0.4) {
      const next = rnd.pick(stages.filter((s) => s !== stage));
      stage = next;
      chain.push(
        single(
          cmd('stage', 'POST', `/v1/deals/${dealId}/stage`, { stageId: next }, [
            { stream, type: 'DealStageAdvanced' },
          ]),
        ),
      );
    } else if (roll < 0.65) chain.push(single(activity(rnd, cmd, 'deal', dealId, i)));
    else if (roll < 0.85) {
      const body = rnd.chance(0.5)
        ? { amount: rnd.int(1, 9000) * 10 + i }
        : { title: `Deal ${dealId} v${i}`, expectedCloseDate: `2027-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}` };
      chain.push(
        single(cmd('update', 'PATCH', `/v1/deals/${dealId}`, body, [{ stream, type: 'DealUpdated' }])),
      );
    } else {
      const next = rnd.pick(OWNERS.filter((o) => o !== owner));
      owner = next;
      chain.push(
        single(
          cmd('owner', 'POST', `/v1/deals/${dealId}/owner`, { ownerId: next }, [
            { stream, type: 'DealReassigned' },
          ]),
        ),
      );
    }
  }
  const end = rnd.next();
  if (end < 0.35)
    chain.push(
      single(
        cmd('close', 'POST', `/v1/deals/${dealId}/close`, { outcome: 'won' }, [{ stream, type: 'DealWon' }]),
      ),
    );
  else if (end < 0.65) {
    chain.push(
      single(
        cmd(
          'close',
          'POST',
          `/v1/deals/${dealId}/close`,
          { outcome: 'lost', reason: rnd.pick(['price', 'timing', 'competitor']) },
          [{ stream, type: 'DealLost' }],
        ),
      ),
    );
    if (rnd.chance(0.3))
      chain.push(
        single(cmd('reopen', 'POST', `/v1/deals/${dealId}/reopen`, {}, [{ stream, type: 'DealReopened' }])),
      );
  }
  return chain;
}

export function quotaChain(rnd: Random, cmd: Cmd, single: Single): Chain {
  const owner = rnd.pick(OWNERS);
  const period = `2026-Q${rnd.int(1, 4)}`;
  return Array.from({ length: rnd.int(1, 3) }, () =>
    single(
      cmd('quota', 'PUT', `/v1/quotas/${owner}/${period}`, { amount: rnd.int(10, 500) * 1000 }, [
        { stream: `quota-${owner}-${period}`, type: 'QuotaSet' },
      ]),
    ),
  );
}

// A pipeline edit dropping the flex stage, raced by a deal of that pipeline moving into it; then
// the stage is put back.
export function pipelineEditChain(rnd: Random, cmd: Cmd, single: Single, entity: number): Chain {
  const dealId = `dx${entity}`;
  const stream = `deal-${dealId}`;
  const pipe = [{ stream: 'pipeline-enterprise', type: 'PipelineDefined' }];
  return [
    single(
      cmd(
        'open',
        'POST',
        '/v1/deals',
        {
          dealId,
          title: `Deal ${dealId}`,
          accountId: 'acct-flex',
          ownerId: rnd.pick(OWNERS),
          amount: 100,
          pipelineId: 'enterprise',
        },
        [{ stream, type: 'DealOpened' }],
      ),
    ),
    [
      cmd('pipeline', 'PUT', '/v1/pipelines/enterprise', pipelineBody('enterprise', false), pipe),
      cmd('stage', 'POST', `/v1/deals/${dealId}/stage`, { stageId: FLEX_STAGE }, [
        { stream, type: 'DealStageAdvanced' },
      ]),
    ],
    single(cmd('pipeline', 'PUT', '/v1/pipelines/enterprise', pipelineBody('enterprise', true), pipe)),
  ];
}
