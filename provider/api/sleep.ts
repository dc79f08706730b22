// One abort-aware sleep for the limiter, the retry loop and reconciliation, so tests can reason about a single
// implementation (and so no wait can outlive the caller's AbortSignal).

/** Abort-aware sleep. Timers stay referenced: a waiting request must keep the process alive. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
