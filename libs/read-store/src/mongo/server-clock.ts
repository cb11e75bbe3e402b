import type { Db } from 'mongodb';

const RESYNC_MS = 60_000;

// The clock leases are judged by. Machines' clocks drift apart; the server's is the one they all
// see, so each process estimates it from `hello.localTime` (the server's time when it answered),
// taken half way through the round trip, and re-measures every minute. The estimate is off by at
// most half a round trip plus the server's millisecond rounding, whatever the local clocks say.
export class ServerClock {
  private offset = 0;
  private measuredAt = -Infinity;
  private measuring: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  async now(): Promise<number> {
    if (performance.now() - this.measuredAt > RESYNC_MS) {
      this.measuring ??= this.measure().finally(() => (this.measuring = null));
      await this.measuring;
    }
    return Date.now() + this.offset;
  }

  private async measure(): Promise<void> {
    const sent = Date.now();
    const hello = await this.db.admin().command({ hello: 1 });
    const received = Date.now();
    const server = hello.localTime instanceof Date ? hello.localTime.getTime() : null;
    // A server that does not say its time: fall back on the local clock (an error of the skew).
    this.offset = server === null ? 0 : server - (sent + received) / 2;
    this.measuredAt = performance.now();
  }
}
