// Appends that arrive while the event loop is busy are committed together in one transaction:
// one fsync for many commands keeps synchronous=FULL durability cheap under concurrency.
export type Pending<T, R> = { request: T; resolve: (result: R) => void; reject: (error: unknown) => void };

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;

  constructor(
    private readonly commit: (batch: Pending<T, R>[]) => void,
    private readonly maxBatch = 1000,
  ) {}

  submit(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      this.commit(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
    // Yield between batches so that a large backlog never starves the event loop.
    if (this.queue.length > 0) setImmediate(() => this.flush());
    else this.scheduled = false;
  }
}
