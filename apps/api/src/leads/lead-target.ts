import { CaptureLead, DisqualifyLead, leadDecider, leadStream, LogLeadActivity } from '@sales/domain';
import { CommandInput, timed } from '../commands/command-input.js';
import { commandTarget } from '../commands/command-target.js';

type SingleStreamLeadCommand = CaptureLead | LogLeadActivity | DisqualifyLead;
export type LeadCommandInput = CommandInput<SingleStreamLeadCommand>;

// `settle` finishes this lead's conversion if a crash left its deal unopened.
export const leadTarget = (input: LeadCommandInput, settle?: () => Promise<void>, newStream = false) =>
  commandTarget({
    newStream,
    type: input.type,
    decider: leadDecider,
    stream: leadStream(input.leadId),
    id: input.leadId,
    command: (_state, now: Date) => timed(input, now) as SingleStreamLeadCommand,
    settle,
  });
