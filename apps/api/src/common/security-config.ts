import { ConfigError } from '@sales/platform';

export type SecurityConfig = {
  /** requests a minute per API key; null = no limit */
  rateLimitPerMinute: number | null;
  /** origins allowed cross-origin requests; empty = CORS off */
  corsOrigins: string[];
};

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

// SALES_RATE_LIMIT_PER_MINUTE (default 6000; 0 = off), SALES_CORS_ORIGINS (comma-separated origins).
export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const raw = env.SALES_RATE_LIMIT_PER_MINUTE;
  const limit = raw === undefined || raw === '' ? DEFAULT_RATE_LIMIT_PER_MINUTE : Number(raw);
  if (!Number.isInteger(limit) || limit < 0)
    throw new ConfigError(`SALES_RATE_LIMIT_PER_MINUTE must be a whole number ≥ 0, got ${raw}`);
  const corsOrigins = (env.SALES_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin))
      throw new ConfigError(`SALES_CORS_ORIGINS: "${origin}" must be an origin like https://app.example.com`);
  }
  return { rateLimitPerMinute: limit === 0 ? null : limit, corsOrigins };
}
