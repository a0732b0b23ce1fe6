import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generationTime } from "../../src/cli/report-provenance.js";
import { provenanceLine, type Provenance } from "../../src/emit/shared/provenance.js";
import { UsageError } from "../../src/usage-error.js";
import { run } from "../support/run-cli.js";

describe("generationTime", () => {
  it("is SOURCE_DATE_EPOCH when set, so that a rerun gives the same bytes; the clock otherwise", async () => {
    expect(generationTime({ SOURCE_DATE_EPOCH: "1798761600" })).toBe("2027-01-01T00:00:00Z");
    expect(generationTime({}, () => new Date("2026-11-05T10:11:12.345Z"))).toBe("2026-11-05T10:11:12Z");
    expect(() => generationTime({ SOURCE_DATE_EPOCH: "yesterday" })).toThrow(UsageError);
  });
});

describe("provenanceLine", () => {
  const p: Provenance = { firstEvent: null, lastEvent: null, events: 0, files: null, accounts: [], engine: "athena", policies: "IAM (--from-iam)", version: "0.1.0", generated: "2027-01-01T00:00:00Z" };
  it("says so when no event was read, and counts no files for Athena", async () => {
    expect(provenanceLine(p, (v) => v)).toBe("Read no events: 0 events, no account, engine athena; compared with IAM (--from-iam); tighten 0.1.0, generated 2027-01-01T00:00:00Z.");
  });
});

describe("reports say where their data came from", () => {
  it("drift and diff JSON: the events actually read, files, accounts, engine, policies, version and the fixed generation time", async () => {
    const drift = await run("drift", "--logs", "examples/cloudtrail", "--all-roles", "--baseline", "examples/current", "--since", "2026-11-01", "--format", "json", "--quiet");
    expect(drift.code, drift.stderr).toBe(0);
    const expected = {
      // The examples' first and last events (examples/README.md: 2026-11-02 to 2026-11-05, 550 events in 41 files).
      firstEvent: "2026-11-02T08:02:04Z",
      lastEvent: "2026-11-05T18:15:06Z",
      events: 550,
      files: 41,
      accounts: ["111122223333"],
      engine: "local",
      version: (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version,
      generated: "2027-01-01T00:00:00Z",
    };
    expect((JSON.parse(drift.stdout) as { provenance: unknown }).provenance).toEqual({ ...expected, policies: "baseline examples/current" });
    const current = "examples/current/payments-service-task.json";
    const diff = await run("diff", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--current", current, "--format", "json", "--quiet");
    expect(diff.code, diff.stderr).toBe(0);
    expect((JSON.parse(diff.stdout) as { provenance: unknown }).provenance).toEqual({ ...expected, policies: `current policy ${current}` });
    const markdown = await run("diff", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--current", current, "--format", "markdown", "--quiet");
    expect(markdown.stdout.split("\n")[0]).toMatch(/^Read events `2026-11-02T08:02:04Z` to `2026-11-05T18:15:06Z`: 550 events in 41 files, .* generated `2027-01-01T00:00:00Z`\.$/);
  });
});
