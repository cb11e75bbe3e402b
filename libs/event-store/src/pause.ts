// Resolves after `ms`, or at once when the signal aborts. The abort listener goes with the pause:
// a live subscription pauses every few milliseconds, for as long as the process lives, on one
// signal.
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
