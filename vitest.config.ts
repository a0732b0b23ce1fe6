import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One temporary directory per run, removed at its end: no test leaves folders behind.
    // moto_server once per worker, reset for each file that asks for it (test/support/moto-pool.ts).
    globalSetup: ["test/support/temp-root.ts", "test/support/moto-pool.ts"],
    testTimeout: 60_000,
    // A beforeAll that runs a command (in process) for the file's tests takes as long as a test may.
    hookTimeout: 60_000,
    // The default report, then the ten slowest files with their times (test/support/slowest-files.ts).
    reporters: ["default", "./test/support/slowest-files.ts"],
    // DuckDB scans use both cores; running test files two at a time keeps the machine responsive.
    maxWorkers: 2,
    // dt-sql-parser's ESM build imports without file extensions, which only a bundler resolves.
    server: { deps: { inline: ["dt-sql-parser"] } },
  },
});
