import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One temporary directory per run, removed at its end: no test leaves folders behind.
    globalSetup: ["test/support/temp-root.ts"],
    testTimeout: 60_000,
    // Hooks start moto and build DuckDB fixtures; on a busy machine that outlasts the 10 s default.
    hookTimeout: 60_000,
    // DuckDB scans use both cores; running test files two at a time keeps the machine responsive.
    maxWorkers: 2,
    // dt-sql-parser's ESM build imports without file extensions, which only a bundler resolves.
    server: { deps: { inline: ["dt-sql-parser"] } },
  },
});
