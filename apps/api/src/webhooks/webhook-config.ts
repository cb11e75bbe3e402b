import { BackoffPolicy, DEFAULT_BACKOFF, HostAllowList, parseAllowedHosts } from '@sales/feed';
import { ConfigError } from '../config/app-config.js';

export type WebhookConfig = {
  /** SALES_WEBHOOK_HOSTS: the only hosts webhooks may call (unset = none). */
  hosts: HostAllowList;
  /** SALES_WEBHOOK_BACKOFF_MAX_MS: the longest wait between retries (10 min; tests shorten it). */
  backoff: BackoffPolicy;
  /** SALES_WEBHOOK_TIMEOUT_MS: how long one POST may take before it counts as failed. */
  timeoutMs: number;
  /** SALES_WEBHOOK_POLL_MS: how soon a new, changed or orphaned webhook is picked up. */
  pollMs: number;
};

export const WEBHOOK_CONFIG = Symbol('WebhookConfig');

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive whole number of milliseconds, got ${raw}`);
  return value;
}

export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  return {
    hosts: parseAllowedHosts(env.SALES_WEBHOOK_HOSTS),
    backoff: {
      initialMs: DEFAULT_BACKOFF.initialMs,
      maxMs: positiveInt(env, 'SALES_WEBHOOK_BACKOFF_MAX_MS', DEFAULT_BACKOFF.maxMs),
    },
    timeoutMs: positiveInt(env, 'SALES_WEBHOOK_TIMEOUT_MS', 10_000),
    pollMs: positiveInt(env, 'SALES_WEBHOOK_POLL_MS', 2_000),
  };
}
