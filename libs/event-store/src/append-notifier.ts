// Wakes in-process subscribers when something was appended; subscribers also poll, so that appends
// made by another process on the same store are seen too.
export class AppendNotifier {
  private waiters = new Set<() => void>();
  private appends = 0;

  /** A mark to wait from: an append after it (even before the wait begins) ends the wait at once. */
  get mark(): number {
    return this.appends;
  }

  notify(): void {
    this.appends++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  waitSince(mark: number, signal: AbortSignal, pollMs: number): Promise<void> {
    if (mark !== this.appends || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
