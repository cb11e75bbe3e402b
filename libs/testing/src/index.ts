export * from './deal-fixtures.js';
export * from './deep-freeze.js';
export * from './given-when-then.js';
export * from './sales-history.js';
