import { describe, expect, it } from '@jest/globals';
import { newEvent } from './event-store.contract.js';
import { RecordedEvent } from './event-store.port.js';
import { upcaster } from './upcasting.js';

const recorded = (type: string, data: Record<string, unknown>, schemaVersion: number): RecordedEvent => {
  const event = newEvent(type, data);
  return { ...event, metadata: { ...event.metadata, schemaVersion }, stream: 's', version: 1, position: 1 };
};

describe('upcasting', () => {
  const upcast = upcaster([
    {
      type: 'DealOpened',
      fromSchemaVersion: 1,
      upcast: (d) => ({ ...d, amountMinor: Math.round(Number(d.amount) * 100) }),
    },
    {
      type: 'DealOpened',
      fromSchemaVersion: 2,
      upcast: ({ amount: _amount, ...d }) => ({ ...d, source: d.source ?? null }),
    },
  ]);

  it('applies every step from the stored schema version to the current one', () => {
    const event = upcast(recorded('DealOpened', { amount: 12.5 }, 1));
    expect(event.data).toEqual({ amountMinor: 1250, source: null });
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('leaves current events and other types alone', () => {
    const current = recorded('DealOpened', { amountMinor: 5 }, 3);
    expect(upcast(current)).toBe(current);
    const other = recorded('DealWon', { amount: 1 }, 1);
    expect(upcast(other)).toBe(other);
  });
});
