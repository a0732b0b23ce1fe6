import { afterAll, vi } from "vitest";

// Setup file of the "shared" project (vitest.config.ts): the files there share a worker, one after
// the other, so what a file changes through vitest (environment stubs, globals, spies, fake timers)
// is undone when it ends, pass or fail, before the next file runs. test/support/isolation.ts
// sends to a worker of its own only what this cannot undo.
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
