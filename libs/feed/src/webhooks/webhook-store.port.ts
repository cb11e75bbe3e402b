import type { DeliveryLeaseHandle } from './delivery-lease.js';
import type { WebhookDefinition, WebhookProgress } from './webhook.js';

// Webhooks and their delivery progress, kept where every API process and worker sees them.
export interface WebhookStore {
  put(definition: WebhookDefinition): Promise<void>;
  get(id: string): Promise<WebhookDefinition | null>;
  list(): Promise<WebhookDefinition[]>;
  /** Removes the definition and its progress; false when there was none. */
  delete(id: string): Promise<boolean>;
  progress(id: string): Promise<WebhookProgress | null>;
  /** With the delivery lease as `fence`, refused (FencedError) once the lease has passed on. */
  saveProgress(id: string, progress: WebhookProgress, fence?: DeliveryLeaseHandle): Promise<void>;
}

export const WEBHOOK_STORE = Symbol('WebhookStore');
