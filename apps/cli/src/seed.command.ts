import { randomBytes } from 'node:crypto';
import { demoHistory, DEMO_REPS, DEMO_SOURCES, type DemoAction } from '@sales/reports';
import { loadConfig, openEventStore } from '@sales/platform';
import { startSeedEngine } from './seed-engine.js';
import { streamsInUse } from './seed-preflight.js';
import { seedRequest } from './seed-requests.js';

export const SEED_USAGE = `  seed [--deals N] [--seed S]            write a realistic 18-month demo history ending now through the
                                         command API (default 400 deals, seed 1; the same seed, the same history)`;

const CONCURRENCY = 16;

export function parseSeedArgs(args: string[]): { deals: number; seed: number } | string {
  const options = { deals: 400, seed: 1 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], Number(args[i + 1])];
    if (flag !== '--deals' && flag !== '--seed') return `unknown option ${flag}`;
    if (!Number.isSafeInteger(value) || value < (flag === '--deals' ? 1 : 0) || value > 1_000_000)
      return `${flag} needs a whole number${flag === '--deals' ? ' from 1' : ''} up to 1000000`;
    options[flag === '--deals' ? 'deals' : 'seed'] = value;
  }
  return options;
}

// Every change goes through the command path: the engine runs as a process of its own (same
// stores, same environment as the API; see seed-engine.ts) and each action is an HTTP command to it.
// Actions of one entity go in order; independent entities go side by side; pipelines first (deals
// refer to them).
export async function seedCommand(args: string[]): Promise<number> {
  const options = parseSeedArgs(args);
  if (typeof options === 'string') {
    console.error(`${options}\n\n${SEED_USAGE}`);
    return 2;
  }
  const started = Date.now();
  const history = demoHistory({ deals: options.deals, seed: options.seed, end: new Date().toISOString() });
  const used = await streamsUsedBy(history.actions);
  if (used.length > 0) {
    console.error(refusal(used));
    return 1;
  }
  const secret = randomBytes(24).toString('base64url');
  const engine = await startSeedEngine(secret);
  const headers = {
    authorization: `Bearer ${secret}`,
    'content-type': 'application/json',
    'x-actor-id': 'demo-seed',
  };
  try {
    const roots = new Map<string, DemoAction[]>();
    for (const action of history.actions) roots.set(action.root, [...(roots.get(action.root) ?? []), action]);
    const chains = [...roots.values()];
    let done = 0;
    let position = 0;
    const send = async (action: DemoAction) => {
      const { method, url, body } = seedRequest(action);
      const response = await fetch(`${engine.url}${url}`, { method, headers, body: JSON.stringify(body) });
      const text = await response.text();
      if (response.status !== 201)
        throw new Error(`${method} ${url} → ${response.status} ${text} (body ${JSON.stringify(body)})`);
      position = Math.max(position, JSON.parse(text).position);
      if (++done % 1000 === 0) process.stderr.write(`\r${done} / ${history.actions.length} commands`);
    };
    for (const chain of chains.filter((c) => c[0].kind === 'definePipeline'))
      for (const a of chain) await send(a);
    const queue = chains.filter((c) => c[0].kind !== 'definePipeline');
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let chain = queue.shift(); chain; chain = queue.shift())
          for (const action of chain) await send(action);
      }),
    );
    process.stderr.write(`\r${done} / ${history.actions.length} commands\n`);
    await waitForProjections(engine.url, headers, position);
    printSummary(history, position, options, Date.now() - started);
    return 0;
  } finally {
    await engine.stop();
  }
}

// Asked of the store before the engine starts, so that a refusal leaves the store as it was.
async function streamsUsedBy(actions: DemoAction[]): Promise<string[]> {
  const events = await openEventStore(loadConfig());
  try {
    return await streamsInUse(events, actions);
  } finally {
    await events.close();
  }
}

function refusal(used: string[]): string {
  const shown = used.slice(0, 5).join(', ') + (used.length > 5 ? `, and ${used.length - 5} more` : '');
  return [
    `Nothing written: this store already holds ${used.length} of the streams the demo history writes (${shown}).`,
    'The demo history is backdated over 18 months, so its commands to those entities would be refused',
    '(OUT_OF_ORDER, DEAL_EXISTS, STAGE_IN_USE) half-way through.',
    'Seed an empty store (another SALES_DATA_DIR), or one that holds none of these streams: data of',
    'your own in other pipelines, leads, deals and quotas is fine.',
  ].join('\n');
}

async function waitForProjections(url: string, headers: Record<string, string>, position: number) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const list = (await (await fetch(`${url}/v1/projections`, { headers })).json()) as {
      position: number | null;
    }[];
    if (list.every((p) => (p.position ?? 0) >= position)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function printSummary(
  history: ReturnType<typeof demoHistory>,
  position: number,
  options: { deals: number; seed: number },
  ms: number,
) {
  const count = (predicate: (a: DemoAction) => boolean) => history.actions.filter(predicate).length;
  const closes = (outcome: string) => count((a) => a.kind === 'closeDeal' && a.outcome === outcome);
  const lines: [string, string | number][] = [
    ['history', `${history.start.slice(0, 10)} → ${history.end.slice(0, 16)}Z (seed ${options.seed})`],
    ['pipelines', 'default, enterprise (redefined half-way: + security-review)'],
    ['reps', DEMO_REPS.join(', ') + ' (demos by se-kim)'],
    ['sources', DEMO_SOURCES.join(', ') + ', and deals without one (unknown)'],
    [
      'leads',
      `${count((a) => a.kind === 'captureLead')} captured, ${count((a) => a.kind === 'convertLead')} converted, ${count((a) => a.kind === 'disqualifyLead')} disqualified`,
    ],
    [
      'deals',
      `${options.deals} opened, ${closes('won')} won, ${closes('lost')} lost (${count((a) => a.kind === 'reopenDeal')} reopened)`,
    ],
    ['stage moves', count((a) => a.kind === 'advanceStage')],
    ['reassignments', count((a) => a.kind === 'reassignDeal')],
    ['updates', count((a) => a.kind === 'updateDeal')],
    ['activities', count((a) => a.kind === 'logActivity')],
    ['quotas', count((a) => a.kind === 'setQuota')],
    [
      'commands',
      `${history.actions.length} in ${(ms / 1000).toFixed(1)} s; the log is at position ${position}`,
    ],
  ];
  console.log('Demo history written through the command API:');
  for (const [label, value] of lines) console.log(`  ${label.padEnd(14)}${value}`);
}
