import { vi } from "vitest";

/** Runs `work` with timers faked, so that the SDK's backoff (seconds, for throttling) takes no time. */
export async function withoutWaiting<T>(work: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    let done = false;
    const settled = Promise.allSettled([work()]).finally(() => {
      done = true;
    });
    // Each response is read from a stream (real I/O callbacks) before the next backoff timer exists.
    while (!done) {
      await vi.runAllTimersAsync();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return (await settled)[0]!;
  } finally {
    vi.useRealTimers();
  }
}
