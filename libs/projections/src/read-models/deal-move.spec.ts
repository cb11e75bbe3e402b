import { describe, expect, it } from '@jest/globals';
import {
  DEAL_TIMES as T,
  dealLost,
  dealOpened,
  dealReopened,
  dealStageAdvanced,
  dealWon,
} from '@sales/testing';
import { dealMove } from './deal-move.js';

describe('dealMove: where one event puts a deal', () => {
  it('an opening enters its stage, open, ending no visit', () => {
    expect(dealMove(dealOpened({ stageId: 'quote' }))).toEqual({
      status: 'open',
      entered: { stageId: 'quote', at: T.opened },
      left: null,
    });
  });

  it('a move ends the visit of `from` in its direction and enters `to`', () => {
    const move = dealStageAdvanced({
      from: 'quote',
      to: 'qualification',
      direction: 'backward',
      enteredAt: T.day2,
    });
    expect(dealMove(move)).toEqual({
      status: 'open',
      entered: { stageId: 'qualification', at: move.data.occurredAt },
      left: {
        stageId: 'quote',
        enteredAt: T.day2,
        at: move.data.occurredAt,
        exit: 'backward',
        to: 'qualification',
      },
    });
  });

  it('a close ends the visit with its outcome and enters no stage', () => {
    expect(dealMove(dealWon({ stageId: 'contract', enteredAt: T.day2, occurredAt: T.day3 }))).toEqual({
      status: 'won',
      entered: null,
      left: { stageId: 'contract', enteredAt: T.day2, at: T.day3, exit: 'won', to: 'won' },
    });
    expect(dealMove(dealLost({ stageId: 'quote', enteredAt: T.day2, occurredAt: T.day3 }))).toMatchObject({
      status: 'lost',
      entered: null,
      left: { stageId: 'quote', exit: 'lost', to: 'lost' },
    });
  });

  it('a reopening enters the stage it closed in, open again', () => {
    expect(dealMove(dealReopened({ stageId: 'quote', occurredAt: T.day4 }))).toEqual({
      status: 'open',
      entered: { stageId: 'quote', at: T.day4 },
      left: null,
    });
  });
});
