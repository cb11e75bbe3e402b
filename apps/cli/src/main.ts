import { ALL_PROJECTIONS } from '@sales/projections';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openEventStore } from '../../api/src/infrastructure/event-store.provider.js';
import { openReadStore } from '../../api/src/infrastructure/read-store.provider.js';
import { auditVerify, parseAuditVerifyArgs } from './audit.command.js';
import { projectionsRebuild, projectionsStatus } from './projections.command.js';
import { REPORT_USAGE, reportCommand } from './report.command.js';
import { SEED_USAGE, seedCommand } from './seed.command.js';

const USAGE = `usage: npm run cli -- <command>

  projections status [--json]            every projection: status, generation, position, lag, last error
  projections rebuild <name>|--all       rebuild from history beside the serving model, then swap it in
  audit verify [--stream S | --all] [--json]
                                         check the hash chain of one stream or of every stream (default)
${REPORT_USAGE}
${SEED_USAGE}

The same environment as the API selects the stores (SALES_DATA_DIR, EVENTSTORE_URL, MONGODB_URL…).
Exit codes: 0 done, 1 failed (for audit verify: a broken link), 2 usage.`;

async function runAudit(command: string | undefined, rest: string[]): Promise<number> {
  const args = command === 'verify' ? parseAuditVerifyArgs(rest) : null;
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const events = await openEventStore(loadConfig());
  try {
    return await auditVerify(events, args);
  } finally {
    await events.close();
  }
}

async function run(args: string[]): Promise<number> {
  const [group, command, ...rest] = args;
  if (group === 'audit') return runAudit(command, rest);
  if (group === 'report') return reportCommand(args.slice(1));
  if (group === 'seed') return seedCommand(args.slice(1));
  if (group !== 'projections' || !['status', 'rebuild'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const names = rest.includes('--all')
    ? ALL_PROJECTIONS.map((p) => p.name)
    : rest.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !ALL_PROJECTIONS.some((p) => p.name === n));
  if (command === 'rebuild' && (names.length === 0 || unknown.length > 0)) {
    console.error(
      unknown.length
        ? `unknown projection: ${unknown.join(', ')} (known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`
        : USAGE,
    );
    return 2;
  }
  const config = loadConfig();
  const events = await openEventStore(config);
  const reads = await openReadStore(config);
  try {
    return command === 'status'
      ? await projectionsStatus(events, reads, rest.includes('--json'))
      : await projectionsRebuild(events, reads, names);
  } finally {
    await reads.close();
    await events.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
