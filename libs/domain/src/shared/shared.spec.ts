import { describe, expect, it } from '@jest/globals';
import { DOMAIN_ERROR_CODES, DomainError, isDomainError, isDomainErrorCode } from './domain-error.js';
import { evolveAll } from './decider.js';
import { dealStream, leadStream, pipelineStream, quotaStream } from './stream-names.js';

describe('stream names', () => {
  it('follow the contract', () => {
    expect(pipelineStream('default')).toBe('pipeline-default');
    expect(leadStream('L1')).toBe('lead-L1');
    expect(dealStream('D1')).toBe('deal-D1');
    expect(quotaStream('alice', '2026-Q1')).toBe('quota-alice-2026-Q1');
  });
});

describe('DomainError', () => {
  it('carries a code and details and is recognisable', () => {
    const error = new DomainError('DEAL_CLOSED', 'closed', { dealId: 'D1' });
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'DomainError', code: 'DEAL_CLOSED', details: { dealId: 'D1' } });
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('lists every code once', () => {
    expect(new Set(DOMAIN_ERROR_CODES).size).toBe(DOMAIN_ERROR_CODES.length);
    expect(isDomainErrorCode('OUT_OF_ORDER')).toBe(true);
    expect(isDomainErrorCode('NOPE')).toBe(false);
  });
});

describe('evolveAll', () => {
  it('folds events from the initial state', () => {
    const counter = { initialState: 0, evolve: (state: number, event: number) => state + event };
    expect(evolveAll(counter, [1, 2, 3])).toBe(6);
    expect(evolveAll(counter, [])).toBe(0);
  });
});
