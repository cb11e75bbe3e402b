import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { dealDecider, dealStream, STREAM_PREFIXES } from '@sales/domain';
import { EVENT_STORE, type EventStore, Position, VersionConflictError } from '@sales/event-store';
import { AggregateRepository } from '../commands/aggregate-repository.js';
import { envelope, systemContext } from '@sales/event-store';
import { CLOCK, type Clock } from '../infrastructure/clock.js';
import { ConversionCompleter } from './conversion-completer.js';

// Where the sweep has checked every conversion: shared by every API process through the event
// store itself, so that a restart (of any process) resumes there instead of scanning the log.
export const CONVERSIONS_CHECKPOINT_STREAM = 'process-lead-conversions';
const CHECKPOINTED = 'ConversionsChecked';
const PAGE = 1000;
const SWEEP_EVERY_MS = 60_000;

// The process manager of lead conversions: finds conversions whose deal was never opened (the
// process died, or the store failed, between the two appends) and finishes them. It sweeps the
// lead streams' events after the shared checkpoint on start, every minute, and before a command
// on a deal id that has no deal yet (a conversion may be about to open it).
@Injectable()
export class ConversionProcess implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Conversions');
  private position: Position | null | undefined;
  private saved: { position: Position | null; version: number } | null = null;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(ConversionCompleter) private readonly completer: ConversionCompleter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Every conversion committed before this call is finished (or reverted) when it resolves. */
  settle(): Promise<void> {
    // One sweep at a time; callers that arrive while one runs share the next one, which starts
    // after theirs arrived and so sees what they need.
    this.queued ??= this.running.then(
      () => this.sweep(),
      () => this.sweep(),
    );
    const next = this.queued;
    this.running = next.finally(() => {
      if (this.queued === next) this.queued = null;
    });
    void this.running.catch(() => undefined);
    return next;
  }

  /** Before a command on a deal id without a deal: a conversion into it may be half done. */
  async settleDeal(dealId: string): Promise<void> {
    const deal = await this.repository.load(dealStream(dealId), dealDecider);
    if (deal.state.status === 'none') await this.settle();
  }

  private async tick(): Promise<void> {
    try {
      await this.settle();
      await this.saveCheckpoint();
    } catch (error) {
      // The store may be down: the next tick (or command) tries again.
      this.logger.warn(`sweep of lead conversions failed: ${(error as Error).message}`);
    }
  }

  private async sweep(): Promise<void> {
    if (this.position === undefined) this.position = await this.loadCheckpoint();
    for (;;) {
      const page = await this.store.readAll(this.position, PAGE, { streamPrefixes: [STREAM_PREFIXES.lead] });
      for (const event of page) {
        if (event.type === 'LeadConverted') {
          await this.completer.settleLead(String(event.data.leadId), { fresh: true });
        }
        this.position = event.position;
      }
      if (page.length < PAGE) return;
    }
  }

  private async loadCheckpoint(): Promise<Position | null> {
    const { events, version } = await this.store.readStream(CONVERSIONS_CHECKPOINT_STREAM, {
      backwards: true,
      limit: 1,
    });
    const position = (events[0]?.data.position as Position | null | undefined) ?? null;
    this.saved = { position, version };
    return position;
  }

  // Only past what this process has itself checked; a conflict means another process moved it.
  private async saveCheckpoint(): Promise<void> {
    const position = this.position;
    if (position === undefined || position === null || !this.saved) return;
    if (this.saved.position !== null && this.saved.position >= position) return;
    const now = this.clock.now();
    const event = { type: CHECKPOINTED, data: { position, occurredAt: now.toISOString() } };
    try {
      const { version } = await this.store.append(
        CONVERSIONS_CHECKPOINT_STREAM,
        [envelope(event, systemContext(now))],
        this.saved.version,
      );
      this.saved = { position, version };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      await this.loadCheckpoint();
    }
  }
}
