import 'reflect-metadata';
import {
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  Matches,
  Max,
  Min,
  NotContains,
  ValidateBy,
  ValidationError,
  validateSync,
} from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';

export const ROLE_NAMES = ['service', 'analyst', 'auditor', 'admin'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const API_KEY_ENTRY = new RegExp(`^[^:,\\s]+:(${ROLE_NAMES.join('|')}):\\S+$`);
const CURRENCY_MESSAGE = 'must be an ISO 4217 currency code in capitals, like CNY, EUR or USD';
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
// A host name, an IPv4 address or a bracketed IPv6 literal, with an optional port: what
// checkWebhookUrl compares a webhook URL's host with. No scheme, path or wildcard.
const WEBHOOK_HOST =
  /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;
const PORT_MESSAGE = 'must be a whole number 1–65535';
const MS_MESSAGE = 'must be a positive whole number of milliseconds';
const commaList = (raw: unknown) =>
  String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

// Each entry must be name:role:secret. Said without echoing any of it: the value holds secrets.
const IsApiKeyList = () =>
  ValidateBy({
    name: 'isApiKeyList',
    validator: {
      validate: (raw) => commaList(raw).length > 0 && commaList(raw).every((e) => API_KEY_ENTRY.test(e)),
      defaultMessage: (args) => {
        const bad = commaList(args?.value).findIndex((e) => !API_KEY_ENTRY.test(e));
        const where = bad < 0 ? 'it lists no key' : `entry ${bad + 1} is not`;
        return `must be name:role:secret,… with role ${ROLE_NAMES.join('|')} (${where})`;
      },
    },
  });

const IsOriginList = () =>
  ValidateBy({
    name: 'isOriginList',
    validator: {
      validate: (raw) => commaList(raw).every((o) => ORIGIN.test(o)),
      defaultMessage: () => 'must be comma-separated origins like https://app.example.com (no path, no *)',
    },
  });

const IsWebhookHostList = () =>
  ValidateBy({
    name: 'isWebhookHostList',
    validator: {
      validate: (raw) => commaList(raw).every((h) => WEBHOOK_HOST.test(h)),
      defaultMessage: () =>
        'must be comma-separated hosts or host:port, like hooks.internal,10.0.0.5:8443 (no scheme, path or *)',
    },
  });

// Milliseconds, at most a day: a larger value is a typo (seconds × 1000 twice), not a policy.
const Milliseconds = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  Type(() => Number)(target, key);
  IsInt({ message: MS_MESSAGE })(target, key);
  Min(1, { message: MS_MESSAGE })(target, key);
  Max(86_400_000, { message: `${MS_MESSAGE}, at most 86400000 (a day)` })(target, key);
};

// Every variable the engine reads, as the environment gives them (strings), checked in one pass so
// that a bad start names every bad value at once. Unset and empty mean the default.
export class EnvironmentVariables {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number 0–65535' })
  @Min(0, { message: 'must be a whole number 0–65535' })
  @Max(65535, { message: 'must be a whole number 0–65535' })
  PORT?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'must be a host name or an IP address' })
  HOST?: string;

  @IsOptional()
  @NotContains('\0', { message: 'must be a directory path' })
  SALES_DATA_DIR?: string;

  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message: 'must be an esdb:// or esdb+discover:// connection string',
  })
  EVENTSTORE_URL?: string;

  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
    message: 'must be a mongodb:// or mongodb+srv:// connection string',
  })
  MONGODB_URL?: string;

  @IsOptional()
  @Matches(/^[^/\\. "$*<>:|?]{1,63}$/, {
    message: 'must be a MongoDB database name (no / \\ . " $ or space)',
  })
  MONGODB_DB?: string;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: CURRENCY_MESSAGE })
  @IsISO4217CurrencyCode({ message: CURRENCY_MESSAGE })
  SALES_CURRENCY?: string;

  @IsOptional()
  @IsApiKeyList()
  SALES_API_KEYS?: string;

  @IsOptional()
  @IsIn(['inline', 'external'], { message: 'must be inline or external' })
  SALES_PROJECTORS?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number ≥ 0 (0 = off)' })
  @Min(0, { message: 'must be a whole number ≥ 0 (0 = off)' })
  SALES_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsOriginList()
  SALES_CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: string;

  @IsOptional()
  @IsWebhookHostList()
  SALES_WEBHOOK_HOSTS?: string;

  @Milliseconds()
  SALES_WEBHOOK_TIMEOUT_MS?: number;

  @Milliseconds()
  SALES_WEBHOOK_BACKOFF_MAX_MS?: number;

  @Milliseconds()
  SALES_WEBHOOK_POLL_MS?: number;

  /** The projector worker's /metrics port (off when unset); the API serves /metrics on PORT. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: PORT_MESSAGE })
  @Min(1, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  METRICS_PORT?: number;
}

// Values that may hold credentials are never repeated in a message.
const SECRET = new Set(['SALES_API_KEYS', 'EVENTSTORE_URL', 'MONGODB_URL']);

const describe = (error: ValidationError, raw: string | undefined) => {
  const messages = [...new Set(Object.values(error.constraints ?? {}))].join('; ');
  const shown = SECRET.has(error.property) ? '' : ` (got ${JSON.stringify(raw)})`;
  return `${error.property} ${messages}${shown}`;
};

// Typed so that a variable added to the class and not listed here fails to compile.
const ENV_NAMES: Record<keyof EnvironmentVariables, true> = {
  PORT: true,
  HOST: true,
  SALES_DATA_DIR: true,
  EVENTSTORE_URL: true,
  MONGODB_URL: true,
  MONGODB_DB: true,
  SALES_CURRENCY: true,
  SALES_API_KEYS: true,
  SALES_PROJECTORS: true,
  SALES_RATE_LIMIT_PER_MINUTE: true,
  SALES_CORS_ORIGINS: true,
  LOG_LEVEL: true,
  SALES_WEBHOOK_HOSTS: true,
  SALES_WEBHOOK_TIMEOUT_MS: true,
  SALES_WEBHOOK_BACKOFF_MAX_MS: true,
  SALES_WEBHOOK_POLL_MS: true,
  METRICS_PORT: true,
};

// Unset or empty variables are left out, so that they take their default.
export function validateEnvironment(env: NodeJS.ProcessEnv): {
  values: EnvironmentVariables;
  problems: string[];
} {
  const given = Object.fromEntries(
    Object.keys(ENV_NAMES)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const values = plainToInstance(EnvironmentVariables, given);
  const problems = validateSync(values, { forbidUnknownValues: false }).map((e) =>
    describe(e, env[e.property]),
  );
  return { values, problems };
}
