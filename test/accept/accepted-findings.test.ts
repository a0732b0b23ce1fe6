import { describe, expect, it } from "vitest";
import { isExpired, parseAcceptedFindings } from "../../src/accept/accepted-findings.js";
import { UsageError } from "../../src/usage-error.js";

const FILE = "accepted.json";
const entry = (fields: Record<string, unknown>) => ({ accepted: [{ role: "payments-task", action: "s3:GetObject", reason: "read by the nightly export", expires: "2027-03-31", ...fields }] });

function problem(json: unknown): string {
  try {
    parseAcceptedFindings(json, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("an accepted-findings file", () => {
  it("reads an entry with its defaults: every resource, the kinds without high-risk", () => {
    const { entries } = parseAcceptedFindings(entry({}), FILE);
    expect(entries).toEqual([
      { entry: 1, role: "payments-task", kind: null, actions: ["s3:GetObject"], resources: ["*"], taskDefinition: null, variable: null, reason: "read by the nightly export", expires: "2027-03-31" },
    ]);
  });

  it("takes lists of action and resource patterns and a kind", () => {
    const [only] = parseAcceptedFindings(entry({ kind: "high-risk", action: ["iam:Pass*", "sts:AssumeRole"], resource: ["arn:aws:iam::111122223333:role/ecs/*"] }), FILE).entries;
    expect(only).toMatchObject({ kind: "high-risk", actions: ["iam:Pass*", "sts:AssumeRole"], resources: ["arn:aws:iam::111122223333:role/ecs/*"] });
  });

  it("reads an ecs audit entry by task definition and variable, without a role", () => {
    const [only] = parseAcceptedFindings({ accepted: [{ kind: "environment-secret", taskDefinition: "notifications-*", variable: "SMTP_*", reason: "SEC-9", expires: "2027-01-31" }] }, FILE).entries;
    expect(only).toMatchObject({ role: null, kind: "environment-secret", taskDefinition: "notifications-*", variable: "SMTP_*", actions: [] });
  });

  it("names the file and the entry, by position and role, in each problem", () => {
    expect(problem(entry({ expires: "2027-02-30" }))).toBe(`${FILE}: entry 1 (payments-task): expires: "2027-02-30" is not a date YYYY-MM-DD (the last day it holds)`);
    expect(problem(entry({ expires: undefined }))).toBe(`${FILE}: entry 1 (payments-task): expires: required a date YYYY-MM-DD (the last day it holds)`);
    expect(problem(entry({ reason: " " }))).toMatch(/^accepted\.json: entry 1 \(payments-task\): reason: required/);
    expect(problem(entry({ kind: "unsued" }))).toMatch(/kind: "unsued" is not one of unused, high-risk, new-usage, denied, environment-secret$/);
    expect(problem(entry({ action: "s3 GetObject" }))).toMatch(/action: "s3 GetObject" is not an IAM action pattern/);
    expect(problem(entry({ resources: "*" }))).toMatch(/entry 1 \(payments-task\): resources: unknown key/);
    expect(problem({ accepted: [{ action: "s3:GetObject", reason: "x", expires: "2027-01-01" }] })).toBe(`${FILE}: entry 1: role: required (a role name, path/name, ARN or glob, as --role takes)`);
    expect(problem({ accepted: [{ kind: "environment-secret", action: "s3:GetObject", taskDefinition: "x", reason: "x", expires: "2027-01-01" }] })).toMatch(/action and resource do not apply to kind environment-secret/);
    expect(problem([])).toBe(`${FILE}: expected a JSON object {"accepted": [entries]}`);
    expect(problem({ accepted: [], acepted: [] })).toBe(`${FILE}: acepted: unknown key (expected accepted)`);
  });

  it("holds through its expiry day and not after", () => {
    expect(isExpired({ expires: "2026-12-31" }, "2026-12-31")).toBe(false);
    expect(isExpired({ expires: "2026-12-31" }, "2027-01-01")).toBe(true);
  });
});
