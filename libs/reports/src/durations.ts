export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

// Unrounded, as the contract wants durations: milliseconds / 86 400 000.
export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY_MS;

export const hoursBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / HOUR_MS;
