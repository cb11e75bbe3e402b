// Prometheus collects every family of a scrape at once: families fed by the same state share one
// read of it instead of asking the stores once per family.
export function sharedRead<T>(read: () => Promise<T>, freshForMs = 500): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!last || Date.now() - last.at > freshForMs) last = { at: Date.now(), value: read() };
    return last.value;
  };
}
