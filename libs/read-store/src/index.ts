export * from './read-store.port.js';
export { MemoryReadStore } from './memory/memory-read-store.js';
export { SqliteReadStore } from './sqlite/sqlite-read-store.js';
export { MongoReadStore } from './mongo/mongo-read-store.js';
export { comparator, compareStrings, orderWithTiebreak } from './query-semantics.js';
export { FencedError, GenerationGoneError, isFenced, isGenerationGone } from './read-store.errors.js';
