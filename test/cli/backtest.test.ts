import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { run } from "../support/run-cli.js";
import { tempDir } from "../support/trail.js";

const FLEET = "examples/fleet";

interface BacktestJson {
  readonly version: number;
  readonly split: string;
  readonly totals: { calls: number; replayable: number; refused: number; refusedShare: number };
  readonly roles: { name: string; after: { calls: number; refused: number }; refusals: { action: string; cause: string; wouldAllow: string | null; calls: number }[] }[];
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe("tighten backtest", () => {
  it("reports, per role, the later calls a policy made from the past refuses, and why", async () => {
    const result = await run("backtest", "--logs", FLEET, "--all-roles", "--split", "70%", "--format", "json", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as BacktestJson;
    expect(report).toMatchObject({ version: 1, split: "2026-10-27T16:00:00Z" });
    expect(report.totals.refusedShare).toBeLessThanOrEqual(0.01);
    const billing = report.roles.find((r) => r.name === "billing-service-task")!;
    expect(billing.refusals.map((r) => [r.action, r.cause])).toEqual([
      ["dynamodb:BatchWriteItem", "new-action"],
      ["dynamodb:PutItem", "new-resource"],
    ]);
  });

  it("shows what a narrower rule would break, with the pattern that would have allowed it", async () => {
    const result = await run("backtest", "--logs", FLEET, "--role", "billing-service-task", "--split", "70%", "--s3-object-keys", "folder", "--quiet");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^s3:PutObject\s+too narrow\s+\d+\s+\d+\s+2026-11-01T\S+\s+arn:aws:s3:::acme-billing-data\/exports\/2026\/11\/\S+\s+.*arn:aws:s3:::acme-billing-data\/exports\/2026\/\* would have allowed it$/m);
  });

  it("writes markdown that leads with the refusals, and --out writes the file", async () => {
    const out = tempDir();
    dirs.push(out);
    const file = path.join(out, "backtest.md");
    const result = await run("backtest", "--logs", FLEET, "--all-roles", "--split", "2026-10-27T14:00Z", "--format", "markdown", "--out", file, "--quiet");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    const markdown = readFileSync(file, "utf8");
    expect(markdown.indexOf("### `billing-service-task`")).toBeGreaterThan(0);
    expect(markdown.indexOf("### `billing-service-task`")).toBeLessThan(markdown.indexOf("<details>"));
    expect(markdown).toContain("No later call refused: `billing-service-execution`");
  });

  it("exits 1 with one line when more than --fail-above is refused, 0 when not", async () => {
    const over = await run("backtest", "--logs", FLEET, "--all-roles", "--split", "70%", "--fail-above", "0.1%", "--quiet");
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/^tighten: --fail-above 0\.1%: 7 of \d+ later calls refused or undetermined\n$/);
    expect((await run("backtest", "--logs", FLEET, "--all-roles", "--split", "70%", "--fail-above", "1%", "--quiet")).code).toBe(0);
  });

  it.each([
    [["--split", "110%"], /^tighten: --split 110%: give a share between 0% and 100%/],
    [["--split", "yesterday"], /^tighten: --split 'yesterday' is neither a share/],
    [["--split", "2025-01-01"], /^tighten: --split 2025-01-01: falls at 2025-01-01T00:00:00.000Z, which leaves no calls on one side/],
    [["--split", "70%", "--fail-above", "lots"], /^tighten: --fail-above lots: give a share such as 1%/],
  ])("refuses %j with exit 2 and one line", async (flags, message) => {
    const result = await run("backtest", "--logs", FLEET, "--all-roles", ...flags, "--quiet");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
