// Appends that arrive while commits are running are committed together in a later one: one fsync
// for many commands keeps synchronous=FULL durability cheap under concurrency.
//
// A second batch may be sent while one is in flight, once it is large (PIPELINE_MIN appends): the
// writer commits them one after the other, so while it commits one, the next is already waiting
// behind it and the callers of the one before are being answered; neither thread waits for the
// other. From idle, a large queue is split in two to start that pipeline. Small batches are not
// worth a commit of their own: a trickle of appends waits for the batch in flight, as with one
// commit at a time (over HTTP, always sending a second batch measured ~12% fewer commands/s).
// Appends made in the same turn of the event loop are batched together (the flush waits for the
// end of the turn).
export type Pending<T, R> = { request: T; resolve: (result: R) => void; reject: (error: unknown) => void };

const IN_FLIGHT = 2;
const PIPELINE_MIN = 16;

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private drained: (() => void)[] = [];

  constructor(
    private readonly commit: (batch: Pending<T, R>[]) => Promise<void>,
    private readonly maxBatch = 1000,
  ) {}

  submit(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or committing. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private ready(): boolean {
    if (this.queue.length === 0) return false;
    if (this.inFlight === 0) return true;
    return this.inFlight < IN_FLIGHT && this.queue.length >= PIPELINE_MIN;
  }

  private schedule(): void {
    if (this.scheduled || !this.ready()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.ready()) {
      const size =
        this.inFlight === 0 && this.queue.length >= 2 * PIPELINE_MIN
          ? Math.ceil(Math.min(this.queue.length, 2 * this.maxBatch) / 2)
          : Math.min(this.queue.length, this.maxBatch);
      this.send(this.queue.splice(0, size));
    }
  }

  private send(batch: Pending<T, R>[]): void {
    this.inFlight++;
    this.commit(batch)
      .catch((error: unknown) => {
        for (const pending of batch) pending.reject(error);
      })
      .finally(() => {
        this.inFlight--;
        this.schedule();
        if (this.queue.length === 0 && this.inFlight === 0) {
          for (const resolve of this.drained.splice(0)) resolve();
        }
      });
  }
}
