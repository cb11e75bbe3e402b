import { STREAM_PREFIXES } from '@sales/domain';
import type { StreamFilter } from '@sales/event-store';

// What a feed reader or a webhook asks for: event types (null = every type) and a stream prefix.
export type EventSelection = { types: readonly string[] | null; streamPrefix: string | null };

// The feed carries the business streams only: the engine's own audit stream (refused requests,
// key creation) is for auditors, through /v1/audit.
const BUSINESS_PREFIXES: readonly string[] = Object.values(STREAM_PREFIXES);

// The store-side filter: the business prefixes narrowed by the one asked for. `de` keeps `deal-`,
// `deal-acme` keeps itself, `audit-` keeps nothing (an empty list matches no stream).
export function streamFilterOf(selection: EventSelection): StreamFilter {
  const asked = selection.streamPrefix;
  if (asked === null || asked === '') return { streamPrefixes: [...BUSINESS_PREFIXES] };
  const prefixes = BUSINESS_PREFIXES.flatMap((kind) =>
    asked.startsWith(kind) ? [asked] : kind.startsWith(asked) ? [kind] : [],
  );
  return { streamPrefixes: [...new Set(prefixes)] };
}
