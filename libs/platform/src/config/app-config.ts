import { join, resolve } from 'node:path';
import type { LogLevel } from '../logging/logger.js';
import { type EnvironmentVariables, ROLE_NAMES, validateEnvironment } from './environment.schema.js';

export type ApiKeySpec = { name: string; role: Role; secret: string };
export type Role = (typeof ROLE_NAMES)[number];
export const ROLES: readonly Role[] = ROLE_NAMES;

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  eventStoreUrl: string | null;
  mongodbUrl: string | null;
  mongodbDb: string;
  currency: string;
  apiKeys: ApiKeySpec[] | null;
  /** inline: this process runs the projections; external: a projector worker does. */
  projectors: 'inline' | 'external';
  /** LOG_LEVEL, info by default. */
  logLevel?: LogLevel;
  /** METRICS_PORT: where the projector worker serves /metrics (null: it does not). */
  metricsPort?: number | null;
};

export const APP_CONFIG = Symbol('AppConfig');

// A bad environment stops the process with this message alone (no stack trace): main prints it.
export class ConfigError extends Error {}

export const DEFAULT_CURRENCY = 'CNY';

function parseApiKeys(raw: string): ApiKeySpec[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, ...rest] = entry.split(':');
      return { name: name!, role: role as Role, secret: rest.join(':') };
    });
}

// Every variable is checked first (environment.schema.ts), so that one message names them all.
export function validatedEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentVariables {
  const { values, problems } = validateEnvironment(env);
  if (problems.length > 0)
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return values;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const values = validatedEnvironment(env);
  return {
    port: values.PORT ?? 3000,
    host: values.HOST ?? '127.0.0.1',
    dataDir: resolve(values.SALES_DATA_DIR ?? './data'),
    eventStoreUrl: values.EVENTSTORE_URL ?? null,
    mongodbUrl: values.MONGODB_URL ?? null,
    mongodbDb: values.MONGODB_DB ?? 'sales',
    currency: values.SALES_CURRENCY ?? DEFAULT_CURRENCY,
    apiKeys: values.SALES_API_KEYS ? parseApiKeys(values.SALES_API_KEYS) : null,
    projectors: values.SALES_PROJECTORS === 'external' ? 'external' : 'inline',
    logLevel: (values.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    metricsPort: values.METRICS_PORT ?? null,
  };
}

export const dataFile = (config: AppConfig, name: string) => join(config.dataDir, name);
