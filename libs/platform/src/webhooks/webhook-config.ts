import { BackoffPolicy, DEFAULT_BACKOFF, HostAllowList, parseAllowedHosts } from '@sales/feed';
import { validatedEnvironment } from '../config/app-config.js';

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

// The values were checked with every other variable (environment.schema.ts); only defaults here.
export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const values = validatedEnvironment(env);
  return {
    hosts: parseAllowedHosts(values.SALES_WEBHOOK_HOSTS),
    backoff: {
      initialMs: DEFAULT_BACKOFF.initialMs,
      maxMs: values.SALES_WEBHOOK_BACKOFF_MAX_MS ?? DEFAULT_BACKOFF.maxMs,
    },
    timeoutMs: values.SALES_WEBHOOK_TIMEOUT_MS ?? 10_000,
    pollMs: values.SALES_WEBHOOK_POLL_MS ?? 2_000,
  };
}
