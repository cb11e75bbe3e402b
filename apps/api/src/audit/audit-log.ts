import { Logger } from '@nestjs/common';
import type { EventStore, NewEvent } from '@sales/event-store';
import { type AccessDenied, type AuditEntry, auditRecord } from '@sales/platform';
import type { Clock } from '../infrastructure/clock.js';
import { DEFAULT_LIMITS, DenialThrottle, ThrottleLimits } from './denial-throttle.js';

const MAX_QUEUE = 10_000;
const ATTEMPTS = 3;
const RETRY_MS = 500;

type Queued = { stream: string; event: NewEvent };

// Appends the audit trail off the request path: record() only queues, never throws and never
// waits, so a slow or failing store cannot block or fail a request. Queued events are appended a
// stream (day) at a time; a full queue drops events and says how many in an AuditEventsDropped.
export class AuditLog {
  private readonly logger = new Logger('Audit');
  private readonly throttle: DenialThrottle;
  private queue: Queued[] = [];
  private draining: Promise<void> | null = null;
  private dropped = 0;
  private lastWarning = 0;
  private readonly timer: NodeJS.Timeout;
  failures = 0;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {
    this.throttle = new DenialThrottle(() => this.clock.now().getTime(), limits);
    // Summaries of floods that have stopped are written when their window closes.
    this.timer = setInterval(() => this.summarize(false), Math.min(limits.windowMs, 60_000));
    this.timer.unref();
  }

  record(entry: AuditEntry): void {
    try {
      const queued = auditRecord(entry, this.clock.now());
      if (this.queue.length >= MAX_QUEUE) this.dropped++;
      else this.queue.push(queued);
      this.kick();
    } catch (error) {
      this.warn('could not record an audit event', error);
    }
  }

  /** A refused request: recorded on its own, or counted into its key's summary during a flood. */
  deny(denial: AccessDenied, correlationId: string | null = null): void {
    try {
      const { record, summaries } = this.throttle.admit(denial);
      if (record) {
        this.record({
          type: 'AccessDenied',
          data: denial,
          principal: denial.principal,
          actorId: denial.actorId,
          correlationId,
        });
      }
      this.writeSummaries(summaries);
    } catch (error) {
      this.warn('could not record a refused request', error);
    }
  }

  /** Closes every throttle window and waits until everything queued is appended (or given up). */
  async flush(): Promise<void> {
    this.summarize(true);
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private summarize(all: boolean): void {
    this.writeSummaries(this.throttle.due(all));
  }

  private writeSummaries(summaries: ReturnType<DenialThrottle['due']>): void {
    for (const summary of summaries) {
      this.record({
        type: 'AccessDeniedSuppressed',
        data: summary,
        principal: summary.principal,
        actorId: null,
      });
    }
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.queue.length > 0 || this.dropped > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 || this.dropped > 0) {
      if (this.dropped > 0) {
        const count = this.dropped;
        this.dropped = 0;
        this.record({ type: 'AuditEventsDropped', data: { count }, principal: null, actorId: null });
      }
      const batch = this.queue;
      this.queue = [];
      const byStream = new Map<string, NewEvent[]>();
      for (const { stream, event } of batch) {
        const events = byStream.get(stream);
        if (events) events.push(event);
        else byStream.set(stream, [event]);
      }
      for (const [stream, events] of byStream) await this.append(stream, events);
    }
  }

  private async append(stream: string, events: NewEvent[]): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await this.store.append(stream, events, 'any');
        return;
      } catch (error) {
        if (attempt === ATTEMPTS) {
          this.failures += events.length;
          this.warn(`could not append ${events.length} audit event(s) to ${stream}`, error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS * attempt).unref());
      }
    }
  }

  // At most one warning a minute: a store that is down must not flood the log either.
  private warn(message: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    this.logger.warn(`${message}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
