import { assertNever } from '../shared/assert-never.js';
import type { Decider } from '../shared/decider.js';
import { requireAmountMinor } from '../shared/money.js';
import { assertInOrder, assertNotInFuture } from '../shared/time.js';
import { requireId } from '../shared/validation.js';
import type { QuotaCommand, SetQuota } from './quota.commands.js';
import type { QuotaEvent } from './quota.events.js';
import { parseQuotaPeriod } from './quota-period.js';
import type { QuotaState } from './quota.state.js';

// Setting the same amount again is recorded too: it dates when the quota was confirmed.
const setQuota = (command: SetQuota, state: QuotaState): QuotaEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const ownerId = requireId('ownerId', command.ownerId);
  const { period, from, to } = parseQuotaPeriod(command.period);
  const amountMinor = requireAmountMinor('amountMinor', command.amountMinor);
  assertInOrder(occurredAt, state.status === 'set' ? state.lastOccurredAt : null);
  return [{ type: 'QuotaSet', data: { ownerId, period, from, to, amountMinor, occurredAt } }];
};

const evolve = (_state: QuotaState, event: QuotaEvent): QuotaState => {
  switch (event.type) {
    case 'QuotaSet': {
      const { ownerId, period, amountMinor, occurredAt } = event.data;
      return { status: 'set', ownerId, period, amountMinor, lastOccurredAt: occurredAt };
    }
    default:
      return assertNever(event.type);
  }
};

const decide = (command: QuotaCommand, state: QuotaState): QuotaEvent[] => {
  switch (command.type) {
    case 'SetQuota':
      return setQuota(command, state);
    default:
      return assertNever(command.type);
  }
};

export const quotaDecider: Decider<QuotaCommand, QuotaState, QuotaEvent> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
