import { defineConfig } from "vitest/config";
import { filesNeedingIsolation } from "./test/support/isolation.js";
import { MOTO_PROJECT_VARIABLE } from "./test/support/moto-pool.js";

/** What both projects below share; they do not `extends` the root, whose global setup would then run once per project too. */
const common = {
  testTimeout: 60_000,
  // A beforeAll that runs a command (in process) for the file's tests takes as long as a test may.
  hookTimeout: 60_000,
  // dt-sql-parser's ESM build imports without file extensions, which only a bundler resolves.
  server: { deps: { inline: ["dt-sql-parser"] } },
};

const isolated = filesNeedingIsolation(import.meta.dirname);

export default defineConfig({
  test: {
    // One temporary directory per run, removed at its end: no test leaves folders behind.
    // moto_server once per worker, reset for each file that asks for it (test/support/moto-pool.ts).
    globalSetup: ["test/support/temp-root.ts", "test/support/moto-pool.ts"],
    // The default report, then the ten slowest files with their times (test/support/slowest-files.ts).
    reporters: ["default", "./test/support/slowest-files.ts"],
    // DuckDB scans use both cores; running test files two at a time keeps the machine responsive.
    maxWorkers: 2,
    // A file that changes process-wide state nothing undoes (module mocks, the environment set by
    // hand, an AWS client mocked and never restored, Chromium) gets a fresh worker; the rest share
    // their worker's modules instead of importing DuckDB, the SDK and iam-data each time, and what
    // such a file stubs, spies on or fakes through vitest is undone when it ends (shared-file-reset.ts).
    // Each project's workers lease moto under the project's name: both number their workers from 1.
    projects: [
      { test: { ...common, name: "isolated", include: isolated, isolate: true, env: { [MOTO_PROJECT_VARIABLE]: "isolated" } } },
      {
        test: {
          ...common,
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: isolated,
          isolate: false,
          setupFiles: ["test/support/shared-file-reset.ts"],
          env: { [MOTO_PROJECT_VARIABLE]: "shared" },
        },
      },
    ],
  },
});
