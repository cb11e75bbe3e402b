import { createHash } from 'node:crypto';
import { GenerationRef } from './read-store.port.js';
import { assertCollection, assertGenerationRef } from './validation.js';

// Tables and collections are named after user-chosen projection and collection names. Each part is
// sanitized to [A-Za-z0-9_] and cut short for readability, then followed by a hash of the exact
// original, so names that sanitize alike never share storage and nothing raw reaches SQL or a
// MongoDB namespace. At most 124 characters: `rm`, two parts of 51, `g` + 16 digits, 3 dots.

const READABLE = 40;

export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 10);
}

function part(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, READABLE)}_${shortHash(name)}`;
}

// Sanitized parts never contain a dot, so this prefix selects exactly one generation's collections.
export function generationPrefix(ref: GenerationRef): string {
  assertGenerationRef(ref);
  return `rm.${part(ref.projection)}.g${ref.generation}.`;
}

export function collectionName(ref: GenerationRef, collection: string): string {
  assertCollection(collection);
  return generationPrefix(ref) + part(collection);
}
