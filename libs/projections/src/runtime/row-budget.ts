// Rows the projections of one engine may hold together: about 1 KiB of memory each.
export const CATCH_UP_ROWS = 150_000;

// How many read-model rows (documents and versions) the write-behind caches of projections
// catching up together may hold in memory, all together. A cache flushes once the budget is spent
// and it holds at least its share of what is held: the projections that write most flush most
// often, those that write little (a handful of reference documents) keep theirs.
export class RowBudget {
  private readonly held = new Map<object, number>();
  private total = 0;

  constructor(readonly limit: number) {}

  /** Records how many rows `holder` holds now. */
  hold(holder: object, rows: number): void {
    this.total += rows - (this.held.get(holder) ?? 0);
    this.held.set(holder, rows);
  }

  release(holder: object): void {
    this.total -= this.held.get(holder) ?? 0;
    this.held.delete(holder);
  }

  /** Whether `holder` should write out what it holds. */
  mustFlush(holder: object): boolean {
    if (this.total < this.limit) return false;
    return (this.held.get(holder) ?? 0) * this.held.size >= this.total;
  }

  get rows(): number {
    return this.total;
  }
}
