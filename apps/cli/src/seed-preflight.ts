import type { EventStore } from '@sales/event-store';
import type { DemoAction } from '@sales/reports';
import { seedRequest } from './seed-requests.js';

const CONCURRENCY = 16;

/** The streams a demo action writes, named as the contract names them (§2). */
export function streamsOf(action: DemoAction): string[] {
  const { url, body } = seedRequest(action);
  const parts = url.split('/').slice(2); // ['deals', id, …] without '', 'v1'
  switch (parts[0]) {
    case 'pipelines':
      return [`pipeline-${parts[1]}`];
    case 'quotas':
      return [`quota-${parts[1]}-${parts[2]}`];
    case 'leads':
      if (!parts[1]) return [`lead-${String(body.leadId)}`];
      return parts[2] === 'convert'
        ? [`lead-${parts[1]}`, `deal-${String(body.dealId)}`]
        : [`lead-${parts[1]}`];
    case 'deals':
      return [`deal-${parts[1] ?? String(body.dealId)}`];
    default:
      throw new Error(`no stream known for ${url}`);
  }
}

/**
 * The streams of the demo history that already hold events. The history is backdated over 18
 * months, so on any of them its commands would be refused (OUT_OF_ORDER, DEAL_EXISTS, STAGE_IN_USE)
 * half-way through; asked before anything is written, so that a refusal leaves the store as it was.
 */
export async function streamsInUse(store: EventStore, actions: DemoAction[]): Promise<string[]> {
  const queue = [...new Set(actions.flatMap(streamsOf))];
  const used: string[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let stream = queue.shift(); stream; stream = queue.shift()) {
        const { version } = await store.readStream(stream, { backwards: true, limit: 1 });
        if (version > 0) used.push(stream);
      }
    }),
  );
  // Pipelines and quotas first: a store of one's own data meets the demo there.
  const rank = (stream: string) => (stream.startsWith('pipeline-') ? 0 : stream.startsWith('quota-') ? 1 : 2);
  return used.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
