import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run, runWithEnv } from "../support/run-cli.js";
import { scratchDir } from "../support/scratch-dir.js";

// The examples' payments task role has two denied call groups (dynamodb:Scan, s3:DeleteObject) and
// three wildcard statements. Reports are dated by SOURCE_DATE_EPOCH: 2027-01-01. The window is
// given: the examples are dated 2026-11-02 to 05, and drift's default (30 days back from the clock)
// leaves them behind once the clock passes 2026-12-05.
const DRIFT = ["drift", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--baseline", "examples/current", "--since", "2026-11-01", "--quiet"];
const DENIED: readonly [Record<string, string>, Record<string, string>] = [
  { role: "payments-service-task", kind: "denied", action: "s3:DeleteObject", resource: "arn:aws:s3:::acme-payments-receipts/*", reason: "cleanup job probes deletes; SEC-412", expires: "2027-03-31" },
  { role: "ecs/payments-*", kind: "denied", action: "dynamodb:Scan", reason: "reporting scan, moved in Q1", expires: "2027-06-30" },
];

function acceptedFile(entries: readonly object[]): string {
  const file = path.join(scratchDir(), "accepted.json");
  writeFileSync(file, JSON.stringify({ accepted: entries }));
  return file;
}

describe("drift --accepted", () => {
  it("without it, --fail-on denied exits 1 with one line per reason on stderr", async () => {
    const result = await run(...DRIFT, "--fail-on", "denied,wildcards");
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("tighten: failing on"))).toEqual([
      "tighten: failing on denied: 3 denied calls in 1 role",
      "tighten: failing on wildcards: 3 wildcard statements in 1 role",
    ]);
  });

  it("shows accepted denied calls apart and no longer fails on them", async () => {
    const file = acceptedFile(DENIED);
    const result = await run(...DRIFT, "--accepted", file, "--fail-on", "denied");
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/failing on/);
    expect(result.stdout).toMatch(/^Accepted \(2\): findings an entry in .*accepted\.json covers; not failed on until it expires$/m);
    expect(result.stdout).toMatch(/payments-service-task +denied +s3:DeleteObject \(2 calls\) .* until 2027-03-31 +1 +cleanup job probes deletes; SEC-412/);
    const json = JSON.parse((await run(...DRIFT, "--accepted", file, "--format", "json")).stdout);
    const payments = json.roles.find((role: { role: string }) => role.role.endsWith("/payments-service-task"));
    expect(payments.denied).toEqual([]);
    expect(payments.accepted.map((a: { action: string; expired: boolean }) => [a.action, a.expired])).toEqual([["dynamodb:Scan", false], ["s3:DeleteObject", false]]);
    expect(json.acceptedFrom).toBe(file);
  });

  it("fails again once an acceptance has expired, and says so", async () => {
    const file = acceptedFile([{ ...DENIED[0], expires: "2026-12-31" }, DENIED[1]]);
    const result = await run(...DRIFT, "--accepted", file, "--fail-on", "denied");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tighten: failing on denied: 2 denied calls in 1 role; acceptance expired on 2026-12-31\n");
    expect(result.stdout).toMatch(/s3:DeleteObject \(2 calls\) .* acceptance expired on 2026-12-31: fails again/);
  });

  it("stops on a bad file with one line naming it and the entry, before any log is read", async () => {
    const file = acceptedFile([DENIED[0], { ...DENIED[1], expires: "next week" }]);
    const result = await run(...DRIFT.filter((arg) => arg !== "--quiet"), "--accepted", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`tighten: ${file}: entry 2 (ecs/payments-*): expires: "next week" is not a date YYYY-MM-DD (the last day it holds)\n`);
    const missing = await run(...DRIFT, "--accepted", "/nonexistent/accepted.json");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("tighten: --accepted /nonexistent/accepted.json: cannot read (ENOENT)\n");
  });
});

describe("ecs audit --accepted and --fail-on", () => {
  const AUDIT = ["ecs", "audit", "--task-definition", "examples/ecs/notifications-service.json", "examples/ecs/payments-service.json"];
  const SMTP = { kind: "environment-secret", taskDefinition: "notifications-*", variable: "SMTP_*", reason: "moving to Secrets Manager; SEC-9", expires: "2027-01-31" };

  it("takes a list, keeps findings as the old name, and says why it exits 1", async () => {
    for (const failOn of [["findings"], ["environment-secret"], ["environment-secret,findings"]]) {
      const result = await run(...AUDIT, "--fail-on", ...failOn);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe("tighten: failing on environment-secret: 1 credential in environment in 1 task definition\n");
    }
    expect((await run(...AUDIT, "--fail-on", "secrets")).stderr).toBe("tighten: --fail-on secrets: choose from environment-secret\n");
  });

  it("does not fail on an accepted credential until its acceptance expires", async () => {
    const file = acceptedFile([SMTP]);
    const held = await run(...AUDIT, "--accepted", file, "--fail-on", "findings");
    expect(held.code).toBe(0);
    expect(held.stdout).toMatch(/notifications-service +environment-secret +notifications SMTP_PASSWORD +- +until 2027-01-31 +1 +moving to Secrets Manager; SEC-9/);
    const later = await runWithEnv({ SOURCE_DATE_EPOCH: String(Date.UTC(2027, 1, 1) / 1000) }, ...AUDIT, "--accepted", file, "--fail-on", "environment-secret", "--format", "json");
    expect(later.code).toBe(1);
    expect(later.stderr).toBe("tighten: failing on environment-secret: 1 credential in environment in 1 task definition; acceptance expired on 2027-01-31\n");
    const notifications = JSON.parse(later.stdout).taskDefinitions.find((t: { family: string }) => t.family === "notifications-service");
    expect(notifications.accepted).toEqual([{ container: "notifications", variable: "SMTP_PASSWORD", reason: SMTP.reason, expires: "2027-01-31", expired: true, entry: 1 }]);
  });
});
