// Appends that arrive while a commit is running are committed together in the next one: one fsync
// for many commands keeps synchronous=FULL durability cheap under concurrency. One commit runs at a
// time; the first append after a quiet spell waits for the end of the current turn of the event loop,
// so that appends made in the same turn share its commit.
export type Pending<T, R> = { request: T; resolve: (result: R) => void; reject: (error: unknown) => void };

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private busy = false;

  constructor(
    private readonly commit: (batch: Pending<T, R>[]) => Promise<void>,
    private readonly maxBatch = 1000,
  ) {}

  submit(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once nothing is queued or committing. */
  async idle(): Promise<void> {
    while (this.busy) await new Promise((resolve) => setImmediate(resolve));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.commit(batch);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.busy = false;
  }
}
