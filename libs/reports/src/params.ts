import type { Window } from './period.js';

export type GroupBy = 'owner' | 'source';

// What narrows a population: null means "every".
export type Filters = { ownerId: string | null; source: string | null };

export const matchesFilters = (filters: Filters, ownerId: string, source: string): boolean =>
  (filters.ownerId === null || filters.ownerId === ownerId) &&
  (filters.source === null || filters.source === source);

export type WindowParams = Window & Filters;
