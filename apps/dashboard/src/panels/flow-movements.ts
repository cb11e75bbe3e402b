// The waterfall's steps in reading order: what was there, what came and went, what is there now.
export const FLOW_MOVEMENTS = [
  ['start', 'Open at the start'],
  ['added', 'Added (opened or reopened)'],
  ['movedIn', 'Moved in (reassigned)'],
  ['increased', 'Amounts increased'],
  ['decreased', 'Amounts decreased'],
  ['won', 'Won'],
  ['lost', 'Lost'],
  ['movedOut', 'Moved out (reassigned)'],
  ['end', 'Open at the end'],
  ['pushed', 'Pushed past the end'],
] as const;
