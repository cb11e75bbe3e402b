import type { AccessDenied, AccessDeniedSuppressed } from '@sales/platform';

export type ThrottleLimits = {
  /** refusals recorded one by one per key (API key, or client address without one) per window */
  perKey: number;
  /** refusals recorded one by one in all per window; beyond, every key is summarized */
  total: number;
  windowMs: number;
  /** keys tracked at once; refusals of further keys are summarized together under '*' */
  maxKeys: number;
};

export const DEFAULT_LIMITS: ThrottleLimits = { perKey: 10, total: 600, windowMs: 60_000, maxKeys: 10_000 };

type Window = { start: number; recorded: number; suppressed: number; last: AccessDenied };

const keyOf = (denial: AccessDenied) => (denial.principal ? `key:${denial.principal}` : `ip:${denial.ip}`);

// A flood of refusals (a scanner, a misconfigured client) must not fill the store: each key gets
// `perKey` AccessDenied events a window, and the rest of its window becomes one summary.
export class DenialThrottle {
  private readonly windows = new Map<string, Window>();
  private total: { start: number; recorded: number } | null = null;

  constructor(
    private readonly now: () => number,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {}

  /** Whether to record this refusal on its own (else it is counted into its key's summary). */
  admit(denial: AccessDenied): { record: boolean; summaries: AccessDeniedSuppressed[] } {
    const now = this.now();
    const summaries = this.due(false);
    if (!this.total || now - this.total.start >= this.limits.windowMs)
      this.total = { start: now, recorded: 0 };
    let key = keyOf(denial);
    if (!this.windows.has(key) && this.windows.size >= this.limits.maxKeys) key = '*';
    let window = this.windows.get(key);
    if (!window) {
      window = { start: now, recorded: 0, suppressed: 0, last: denial };
      this.windows.set(key, window);
    }
    window.last = denial;
    const record =
      key !== '*' && window.recorded < this.limits.perKey && this.total.recorded < this.limits.total;
    if (record) {
      window.recorded++;
      this.total.recorded++;
    } else window.suppressed++;
    return { record, summaries };
  }

  /** Closes the windows that are over (all of them when `all`): a summary for each that suppressed any. */
  due(all: boolean): AccessDeniedSuppressed[] {
    const now = this.now();
    const summaries: AccessDeniedSuppressed[] = [];
    for (const [key, window] of this.windows) {
      if (!all && now - window.start < this.limits.windowMs) continue;
      this.windows.delete(key);
      if (window.suppressed === 0) continue;
      summaries.push({
        key,
        principal: key === '*' ? null : window.last.principal,
        ip: key === '*' ? null : window.last.ip,
        count: window.suppressed,
        from: new Date(window.start).toISOString(),
        to: new Date(Math.max(now, window.start)).toISOString(),
        lastPath: window.last.path,
        lastStatus: window.last.status,
      });
    }
    return summaries;
  }

  get trackedKeys(): number {
    return this.windows.size;
  }
}
