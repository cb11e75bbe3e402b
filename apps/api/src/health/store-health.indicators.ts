import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@sales/event-store';
import { noHolderMessage, type ProjectionControl } from '@sales/projections';
import { READ_STORE, type ReadStore } from '@sales/read-store';
import { PROJECTION_ENGINE } from '../read-models/read-models.js';

// A probe must answer within its own timeout (Kubernetes' default is 1 s): a store that hangs
// counts as unreachable after this long rather than holding the probe open.
export const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(what)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

class Timeout extends Error {}

// The probe is public: it says only "unreachable" or "timed out"; why goes to the log.
const logger = new Logger('Health');
function reason(what: string, error: unknown): string {
  logger.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  return error instanceof Timeout ? `no answer within ${CHECK_TIMEOUT_MS} ms` : 'unreachable';
}

@Injectable()
export class StoreHealthIndicators {
  constructor(
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(PROJECTION_ENGINE) private readonly projections: ProjectionControl,
  ) {}

  async eventStore() {
    const check = this.health.check('eventStore');
    try {
      return check.up({ position: await withTimeout(this.events.headPosition(), 'the event store') });
    } catch (error) {
      return check.down({ message: reason('event store', error) });
    }
  }

  // The projection registry is one small read: it proves the read store answers.
  async readStore() {
    const check = this.health.check('readStore');
    try {
      return check.up({
        projections: (await withTimeout(this.reads.projections(), 'the read store')).length,
      });
    } catch (error) {
      return check.down({ message: reason('read store', error) });
    }
  }

  // A failed projection stops its read model: the reports on it would answer stale figures.
  // Rebuilding or lagging ones still serve, so they do not make the process unready. Nor does one
  // that no projector worker holds at the moment (workers down, or a lease between holders): this
  // process still takes commands and serves reads, and taking every API process out of the load
  // balancer for it would turn a worker outage into a total one; it shows as `unheld` instead.
  async projectionsNotFailed() {
    const check = this.health.check('projections');
    try {
      const list = await withTimeout(this.projections.list(), 'the projection registry');
      const unheld = list.filter((p) => p.status === 'failed' && p.lastError === noHolderMessage(p.name));
      const failed = list
        .filter((p) => p.status === 'failed' && !unheld.includes(p))
        .map((p) => ({ name: p.name, lastError: p.lastError }));
      return failed.length === 0
        ? check.up({ live: list.length - unheld.length, unheld: unheld.map((p) => p.name) })
        : check.down({ failed });
    } catch (error) {
      return check.down({ message: reason('projections', error) });
    }
  }
}
