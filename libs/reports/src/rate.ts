// A rate is null when there is nothing to divide by.
export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;
