import { randomUUID } from 'node:crypto';
import { Doc, GenerationRef, ReadStore, Write } from '../read-store.port.js';

export type OpenReadStore = () => Promise<{ store: ReadStore; dispose: () => Promise<void> }>;

export type ContractContext = { store(): ReadStore };

// A projection name no other test, and no earlier run against a shared server, has used.
export function uniqueProjection(label: string): string {
  return `${label}-${randomUUID().slice(0, 13)}`;
}

export function generation(projection: string, n = 1): GenerationRef {
  return { projection, generation: n };
}

export function doc(id: string, position: number, fields: Record<string, unknown> = {}): Doc {
  return { _id: id, _position: position, ...fields };
}

export const put = (collection: string, document: Doc): Write => ({ op: 'put', collection, doc: document });
export const remove = (collection: string, id: string): Write => ({ op: 'delete', collection, id });
export const ids = (docs: Doc[]): string[] => docs.map((d) => d._id);
