import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { isReportName, REPORT_NAMES, type ReportName } from '@sales/reports';
import { loadConfig, openEventStore, openReadStore } from '@sales/platform';
import {
  CSV_CLOSING_PARAMETER_COLUMNS,
  echoedParams,
  REPORT_QUERIES,
  ReportRunner,
  toCsv,
  toReportParams,
  withCurrency,
} from '@sales/query';
import { CliReadModels } from './report-read-models.js';
import { printReport } from './report-table.js';

export const REPORT_USAGE = `  report <name> [--from T --to T | --period P] [--as-of T] [--known-at T] [--owner ID] [--source S]
         [--pipeline ID] [--group-by owner|source] [--lookback-days N] [--at T,T,…] [--min-position N]
         [--format table|json|csv]
                                         one of ${REPORT_NAMES.join(', ')};
                                         T: a timestamp with its zone or a date (its 00:00Z)`;

const OPTIONS: Record<string, string> = {
  '--from': 'from',
  '--to': 'to',
  '--period': 'period',
  '--as-of': 'asOf',
  '--known-at': 'knownAt',
  '--owner': 'ownerId',
  '--source': 'source',
  '--pipeline': 'pipelineId',
  '--group-by': 'groupBy',
  '--lookback-days': 'lookbackDays',
  '--at': 'at',
  '--min-position': 'minPosition',
};
const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

type Parsed = { name: ReportName; query: Record<string, string>; format: Format };

export function parseReportArgs(args: string[]): Parsed | string {
  const [name, ...rest] = args;
  if (!isReportName(name)) return `unknown report ${name ?? ''} (known: ${REPORT_NAMES.join(', ')})`;
  const query: Record<string, string> = {};
  let format: Format = 'table';
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) return `${flag} needs a value`;
    if (flag === '--format') {
      if (!(FORMATS as readonly string[]).includes(value)) return `--format must be ${FORMATS.join('|')}`;
      format = value as Format;
    } else if (OPTIONS[flag]) query[OPTIONS[flag]] = value;
    else return `unknown option ${flag}`;
  }
  return { name, query, format };
}

// The same validation as the HTTP route: the report's own query type, unknown fields refused.
async function validated(name: ReportName, query: Record<string, string>) {
  const dto = plainToInstance(REPORT_QUERIES[name], query, { enableImplicitConversion: false });
  if (dto.minPosition !== undefined) dto.minPosition = Number(dto.minPosition);
  if (dto.lookbackDays !== undefined) dto.lookbackDays = Number(dto.lookbackDays);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, problems: errors.flatMap((e) => Object.values(e.constraints ?? {})) };
}

export async function reportCommand(args: string[]): Promise<number> {
  const parsed = parseReportArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const { dto, problems } = await validated(parsed.name, parsed.query);
  if (problems.length > 0) {
    console.error(problems.map((p) => `  ${p.replace('property ', 'option ')}`).join('\n'));
    return 2;
  }
  const config = loadConfig();
  const events = await openEventStore(config);
  const store = await openReadStore(config);
  const live = new CliReadModels(events, store);
  try {
    const params = toReportParams(dto);
    const minPosition = dto.minPosition ?? null;
    const runner = new ReportRunner(live, () => new Date());
    const report = withCurrency(
      await runner.run({ name: parsed.name, params, minPosition }),
      config.currency,
    );
    if (parsed.format === 'json') console.log(JSON.stringify(report, null, 2));
    else if (parsed.format === 'csv')
      process.stdout.write(
        toCsv(report, [
          ...Object.keys(echoedParams(parsed.name, params, '', minPosition)),
          ...CSV_CLOSING_PARAMETER_COLUMNS,
        ]),
      );
    else printReport(report);
    return 0;
  } finally {
    await live.stop();
    await store.close();
    await events.close();
  }
}
