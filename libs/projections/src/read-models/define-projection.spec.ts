import { describe, expect, it } from '@jest/globals';
import { dealOpened, dealWon } from '@sales/testing';
import type { ProjectedEvent } from '../runtime/projection.js';
import { defineProjection } from './define-projection.js';

const at = (event: { type: string; data: object }, position: number): ProjectedEvent => ({
  type: event.type,
  stream: 'deal-D1',
  position,
  data: event.data as Record<string, unknown>,
  recordedAt: '2026-03-10T12:00:00.000Z',
});

const wins = defineProjection({
  name: 'wins',
  version: 3,
  streamPrefixes: ['deal-'],
  collections: ['wins'],
  indexes: [],
  keys: ({ data }) => [{ collection: 'wins', id: data.dealId }],
  on: {
    DealWon: ({ data, position }) => [
      { op: 'put', collection: 'wins', id: data.dealId, doc: { amountMinor: data.amountMinor, position } },
    ],
  },
});

describe('defineProjection', () => {
  it('handles exactly the event types it has a handler for', () => {
    expect(wins.eventTypes).toEqual(['DealWon']);
    expect(wins).toMatchObject({
      name: 'wins',
      version: 3,
      streamPrefixes: ['deal-'],
      collections: ['wins'],
    });
  });

  it('hands each handled event to its handler with its facts and position', () => {
    const won = at(dealWon({ amountMinor: 700 }), 9);
    expect(wins.keys(won)).toEqual([{ collection: 'wins', id: 'D1' }]);
    expect(wins.evolve(won, () => null)).toEqual([
      { op: 'put', collection: 'wins', id: 'D1', doc: { amountMinor: 700, position: 9 } },
    ]);
  });

  it('writes nothing for an event type it has no handler for', () => {
    expect(wins.evolve(at(dealOpened(), 1), () => null)).toEqual([]);
  });
});
