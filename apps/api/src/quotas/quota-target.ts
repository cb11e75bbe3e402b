import { quotaDecider, quotaStream, SetQuota } from '@sales/domain';
import { CommandInput, timed } from '../commands/command-input.js';
import { commandTarget } from '../commands/command-target.js';

export const quotaTarget = (input: CommandInput<SetQuota>) =>
  commandTarget({
    type: input.type,
    decider: quotaDecider,
    stream: quotaStream(input.ownerId, input.period),
    id: `${input.ownerId}-${input.period}`,
    command: (_state, now: Date): SetQuota => timed(input, now),
  });
