import { Command, CommanderError } from 'commander';
import { ALL_PROJECTIONS } from '@sales/projections';
import { loadConfig, openEventStore, openReadStore } from '@sales/platform';
import { auditVerify } from './audit.command.js';
import { candidateDiff, candidateDrop, candidatePromote } from './candidate.command.js';
import { projectionsRebuild, projectionsStatus } from './projections.command.js';
import { REPORT_USAGE, reportCommand } from './report.command.js';
import { SEED_USAGE, seedCommand } from './seed.command.js';

const KNOWN = ALL_PROJECTIONS.map((p) => p.name);
// Exit codes: 0 done (and --help), 1 failed (for audit verify: a broken link), 2 usage.
const USAGE_ERROR = 2;

function unknownProjections(names: string[]): CommanderError | null {
  const unknown = names.filter((n) => !KNOWN.includes(n));
  if (names.length > 0 && unknown.length === 0) return null;
  return new CommanderError(
    USAGE_ERROR,
    'sales.usage',
    unknown.length
      ? `unknown projection: ${unknown.join(', ')} (known: ${KNOWN.join(', ')})`
      : 'name projections, or --all',
  );
}

async function withStores<T>(work: (s: Awaited<ReturnType<typeof openStores>>) => Promise<T>): Promise<T> {
  const stores = await openStores();
  try {
    return await work(stores);
  } finally {
    await stores.reads.close();
    await stores.events.close();
  }
}

async function openStores() {
  const config = loadConfig();
  const events = await openEventStore(config);
  return { events, reads: await openReadStore(config) };
}

function program(done: (code: number) => void): Command {
  const cli = new Command('npm run cli --')
    .description('The sales engine from the command line, on the stores the environment names')
    .addHelpText(
      'after',
      '\nThe same environment as the API selects the stores (SALES_DATA_DIR, EVENTSTORE_URL, MONGODB_URL…).\nExit codes: 0 done, 1 failed (for audit verify: a broken link), 2 usage.',
    )
    .exitOverride()
    .showHelpAfterError();

  const projections = cli
    .command('projections')
    .description('status, rebuild and candidate generations of the read models');
  projections
    .command('status')
    .description('every projection: status, generation, position, lag, last error')
    .option('--json', 'as JSON')
    .action(async (o: { json?: boolean }) =>
      done(await withStores(({ events, reads }) => projectionsStatus(events, reads, o.json === true))),
    );
  projections
    .command('rebuild')
    .description('rebuild from history beside the serving model, then swap it in')
    .argument('[names...]', `projections to rebuild: ${KNOWN.join(', ')}`)
    .option('--all', 'every projection')
    .action(async (names: string[], o: { all?: boolean }) => {
      const chosen = o.all ? KNOWN : names;
      const refused = unknownProjections(chosen);
      if (refused) throw refused;
      done(await withStores(({ events, reads }) => projectionsRebuild(events, reads, chosen)));
    });
  // The candidate a rebuild with promote=manual builds (POST …/rebuild?promote=manual).
  const candidate = (command: string, description: string) =>
    projections
      .command(command)
      .description(description)
      .argument('<name>', `the projection: ${KNOWN.join(', ')}`)
      .hook('preAction', (_, action) => {
        const refused = unknownProjections(action.args);
        if (refused) throw refused;
      });
  candidate('diff', "the candidate generation's documents against the serving generation's")
    .option('--json', 'as JSON, with up to 20 sample documents on both sides')
    .action(async (name: string, o: { json?: boolean }) =>
      done(await withStores(({ events, reads }) => candidateDiff(events, reads, name, o.json === true))),
    );
  candidate('promote', 'swap the candidate generation in, once it has caught up').action(
    async (name: string) =>
      done(await withStores(({ events, reads }) => candidatePromote(events, reads, name))),
  );
  candidate('drop-candidate', 'stop the candidate generation and drop it').action(async (name: string) =>
    done(await withStores(({ events, reads }) => candidateDrop(events, reads, name))),
  );

  cli
    .command('audit')
    .description('verification of the hash chain')
    .command('verify')
    .description('check the hash chain of one stream or of every stream (default)')
    .option('--stream <stream>', 'one stream')
    .option('--all', 'every stream (the default)')
    .option('--json', 'as JSON')
    .action(async (o: { stream?: string; all?: boolean; json?: boolean }) => {
      if (o.all && o.stream)
        throw new CommanderError(USAGE_ERROR, 'sales.usage', '--stream and --all exclude each other');
      const events = await openEventStore(loadConfig());
      try {
        done(await auditVerify(events, { stream: o.stream ?? null, json: o.json === true }));
      } finally {
        await events.close();
      }
    });

  // report and seed keep their own option parsers (shared with their usage texts and specs).
  cli
    .command('report')
    .description(`a report computed in-process:\n${REPORT_USAGE}`)
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => done(await reportCommand(args)));
  cli
    .command('seed')
    .description(`demo data:\n${SEED_USAGE}`)
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => done(await seedCommand(args)));
  return cli;
}

async function run(argv: string[]): Promise<number> {
  let code = 0;
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'sales.usage') console.error(error.message);
    return USAGE_ERROR;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
