import { canonicalJson } from './hash-chain.js';
import type { EventMetadata, NewEvent } from './event-store.port.js';

// An event's canonical hash input with its prevHash left open: everything but the link itself can be
// serialized before the stream's tip is known (in the caller's thread), and the writer only fills in
// the link and hashes: input = head + P + mid + P + tail, with P = JSON of prevHash (a string or
// null), equals canonicalJson({ type, data, metadata: { ...metadata, prevHash }, prevHash }), the
// input of eventHash (hash-chain.ts).
export type HashTemplate = { head: string; mid: string; tail: string };

export function hashTemplate(
  event: Pick<NewEvent, 'type' | 'data'>,
  metadata: Omit<EventMetadata, 'hash' | 'prevHash'>,
): HashTemplate {
  const data = canonicalJson(event.data);
  const { before, after } = canonicalAroundPrevHash(metadata);
  return {
    head: `{"data":${data},"metadata":${before}`,
    mid: `${after},"prevHash":`,
    tail: `,"type":${canonicalJson(event.type)}}`,
  };
}

export const filledHashInput = (template: HashTemplate, prevHash: string | null): string => {
  const link = JSON.stringify(prevHash);
  return template.head + link + template.mid + link + template.tail;
};

// The canonical metadata object split where its prevHash member's value goes (keys sorted).
function canonicalAroundPrevHash(metadata: Record<string, unknown>): { before: string; after: string } {
  const lower: string[] = [];
  const higher: string[] = [];
  for (const key of Object.keys(metadata).sort()) {
    if (key === 'prevHash' || key === 'hash') continue;
    const value = metadata[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    (key < 'prevHash' ? lower : higher).push(`${JSON.stringify(key)}:${canonicalJson(value)}`);
  }
  return {
    before: `{${lower.map((member) => `${member},`).join('')}"prevHash":`,
    after: `${higher.map((member) => `,${member}`).join('')}}`,
  };
}
