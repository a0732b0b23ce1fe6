import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { run, type InProcessResult } from "../support/run-cli.js";
import { recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

/** Exit 2 with exactly one line on stderr that matches `pattern`. */
function expectUsageError(result: InProcessResult, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

function logsWithOneRole(): string {
  const root = tempDir();
  writeFile(
    root,
    "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/a.json.gz",
    recordsGzip([roleEvent("ecs/payments-service-task", "ecr.amazonaws.com", "GetAuthorizationToken")]),
  );
  return root;
}

describe("bad input: one line naming what is wrong, exit 2", () => {
  it("a path that does not exist", async () => {
    expectUsageError(await run("generate", "--logs", "/nonexistent/trail", "--role", "x"), /^tighten: --logs \/nonexistent\/trail: no such file or directory$/);
  });

  it("an empty directory", async () => {
    const empty = tempDir();
    expectUsageError(await run("roles", "--logs", empty), new RegExp(`^tighten: --logs ${empty}: no CloudTrail log files`));
  });

  it("files with no CloudTrail records", async () => {
    const root = tempDir();
    writeFile(root, "config.json", JSON.stringify({ configurationItems: [] }));
    const result = await run("roles", "--logs", root, "--quiet");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/warning: skipped .*config\.json: not CloudTrail/);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(/^tighten: --logs .*: no CloudTrail records found in 1 file\(s\)$/);
  });

  it("an unknown role", async () => {
    expectUsageError(
      await run("generate", "--logs", logsWithOneRole(), "--role", "billing-task", "--quiet"),
      /^tighten: --role billing-task: no such role in these logs; roles seen: ecs\/payments-service-task$/,
    );
  });

  it("a malformed --since", async () => {
    expectUsageError(await run("roles", "--logs", logsWithOneRole(), "--since", "last tuesday"), /^tighten: --since 'last tuesday' is neither an ISO date/);
  });

  it("no role named", async () => {
    expectUsageError(await run("generate", "--logs", logsWithOneRole()), /^tighten: say which roles: --role NAME \(repeatable\) or --all-roles$/);
  });

  it("an unknown flag", async () => {
    expectUsageError(await run("roles", "--logs", logsWithOneRole(), "--frobnicate"), /^tighten: Unknown argument: frobnicate$/);
  });
});

describe("a corrupt file among good ones", () => {
  function mixed(): string {
    const root = logsWithOneRole();
    writeFile(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/b.json.gz", gzipSync("{\"Records\":[{\"eventVer").subarray(0, 15));
    return root;
  }

  it("is skipped with a warning naming it, counted, and the rest is processed", async () => {
    const root = mixed();
    const result = await run("generate", "--logs", root, "--role", "payments-service-task");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: skipped ${path.join(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/b.json.gz")}: corrupt gzip data`);
    expect(result.stderr).toMatch(/read 1 events from 1 files, 1 skipped/);
    expect(JSON.parse(result.stdout).Statement[0].Action).toEqual(["ecr:GetAuthorizationToken"]);
  });

  it("is an error with --strict", async () => {
    const result = await run("generate", "--logs", mixed(), "--role", "payments-service-task", "--strict");
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(/^tighten: --strict: .*b\.json\.gz: corrupt gzip data/);
  });
});

describe("inputs other than the logs are checked before any log is read", () => {
  it("a missing baseline directory or current policy file is the error, even with logs that do not exist", async () => {
    expectUsageError(await run("drift", "--logs", "/nonexistent/trail", "--all-roles", "--baseline", "/nonexistent/policies"), /^tighten: --baseline \/nonexistent\/policies: no such directory$/);
    expectUsageError(await run("diff", "--logs", "/nonexistent/trail", "--role", "x", "--current", "/nonexistent/p.json"), /^tighten: --current \/nonexistent\/p\.json: cannot read it/);
    expectUsageError(await run("generate", "--logs", "/nonexistent/trail", "--role", "x", "--current", "/nonexistent/p.json"), /^tighten: --current \/nonexistent\/p\.json: cannot read it/);
  });
});
