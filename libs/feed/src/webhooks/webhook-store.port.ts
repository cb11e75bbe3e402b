import type { WebhookDefinition, WebhookProgress } from './webhook.js';

// Webhooks and their delivery progress, kept where every API process and worker sees them.
export interface WebhookStore {
  put(definition: WebhookDefinition): Promise<void>;
  get(id: string): Promise<WebhookDefinition | null>;
  list(): Promise<WebhookDefinition[]>;
  /** Removes the definition and its progress; false when there was none. */
  delete(id: string): Promise<boolean>;
  progress(id: string): Promise<WebhookProgress | null>;
  saveProgress(id: string, progress: WebhookProgress): Promise<void>;
}

export const WEBHOOK_STORE = Symbol('WebhookStore');
