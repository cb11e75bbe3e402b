import { type ChainReport, type EventStore, verifyStore } from '@sales/event-store';

export type AuditVerifyArgs = { stream: string | null; json: boolean };

function describe(report: ChainReport): string {
  const scope = `${report.eventsChecked} event(s) in ${report.streamsChecked} stream(s)`;
  const broken = report.firstBroken;
  if (!broken) return `hash chain intact: ${scope}`;
  return [
    `hash chain BROKEN: ${report.brokenLinks} broken link(s) in ${scope}`,
    `  first: ${broken.stream} revision ${broken.revision} (position ${broken.position}): ${broken.reason}`,
    `         ${broken.message}`,
    `         expected ${broken.expected ?? 'null'}`,
    `         actual   ${broken.actual ?? 'null'}`,
  ].join('\n');
}

// Exit code 0 when every link holds, 1 when one is broken.
export async function auditVerify(
  events: EventStore,
  { stream, json }: AuditVerifyArgs,
  print: (line: string) => void = console.log,
): Promise<number> {
  let lastProgress = Date.now();
  const report = await verifyStore(events, {
    ...(stream === null ? {} : { stream }),
    onProgress: (progress) => {
      if (json || Date.now() - lastProgress < 2000) return;
      lastProgress = Date.now();
      print(`… ${progress.eventsChecked} events in ${progress.streamsChecked} streams checked`);
    },
  });
  print(json ? JSON.stringify(report, null, 2) : describe(report));
  return report.ok ? 0 : 1;
}
