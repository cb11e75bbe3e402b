// Prometheus collects every family of a scrape at once: families fed by the same state share the
// read in flight instead of asking the stores once per family. A read that has finished is never
// reused, so that a scrape always sees the state as it is now.
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () =>
    (inFlight ??= read().finally(() => {
      inFlight = null;
    }));
}
