import { join, resolve } from 'node:path';

export type ApiKeySpec = { name: string; role: Role; secret: string };
export type Role = 'service' | 'analyst' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['service', 'analyst', 'auditor', 'admin'];

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
};

export const APP_CONFIG = Symbol('AppConfig');

export class ConfigError extends Error {}

function parseApiKeys(raw: string): ApiKeySpec[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, ...rest] = entry.split(':');
      const secret = rest.join(':');
      if (!name || !secret || !ROLES.includes(role as Role)) {
        throw new ConfigError(
          `SALES_API_KEYS: "${name ?? ''}:…" must be name:role:secret with role in ${ROLES.join('|')}`,
        );
      }
      return { name, role: role as Role, secret };
    });
}

function parseProjectors(raw: string | undefined): AppConfig['projectors'] {
  if (raw === undefined || raw === '' || raw === 'inline') return 'inline';
  if (raw === 'external') return 'external';
  throw new ConfigError(`SALES_PROJECTORS must be inline or external, got ${raw}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got ${env.PORT}`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.SALES_DATA_DIR || './data'),
    eventStoreUrl: env.EVENTSTORE_URL || null,
    mongodbUrl: env.MONGODB_URL || null,
    mongodbDb: env.MONGODB_DB || 'sales',
    currency: env.SALES_CURRENCY || 'CNY',
    apiKeys: env.SALES_API_KEYS ? parseApiKeys(env.SALES_API_KEYS) : null,
    projectors: parseProjectors(env.SALES_PROJECTORS),
  };
}

export const dataFile = (config: AppConfig, name: string) => join(config.dataDir, name);
