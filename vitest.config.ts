import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // DuckDB scans use both cores; running test files two at a time keeps the machine responsive.
    maxWorkers: 2,
  },
});
