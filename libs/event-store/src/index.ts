export * from './event-store.port.js';
export * from './upcasting.js';
export * from './hash-chain.js';
export * from './chain-verification.js';
export { pause } from './pause.js';
export { MemoryEventStore } from './memory/memory-event-store.js';
export { SqliteEventStore } from './sqlite/sqlite-event-store.js';
export { EsdbEventStore } from './esdb/esdb-event-store.js';
export * from './observed-event-store.js';
