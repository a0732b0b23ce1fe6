import { describe, expect, it } from "vitest";
import { refusalCause } from "../../src/backtest/refusal-cause.js";
import { parseSplit, splitTime } from "../../src/backtest/split.js";
import type { Permission } from "../../src/mapping/permission.js";
import { UsageError } from "../../src/usage-error.js";

const NOW = new Date("2026-12-10T00:00:00Z");
const RANGE = { first: new Date("2026-11-01T00:30:00Z"), last: new Date("2026-11-11T00:30:00Z") };

describe("--split", () => {
  it("takes a share of the span or a time, on the hour", () => {
    expect(splitTime(parseSplit("70%", NOW), RANGE).toISOString()).toBe("2026-11-08T00:00:00.000Z");
    expect(splitTime(parseSplit("2026-11-05T10:45Z", NOW), RANGE).toISOString()).toBe("2026-11-05T10:00:00.000Z");
    expect(splitTime(parseSplit("2026-11-05", NOW), RANGE).toISOString()).toBe("2026-11-05T00:00:00.000Z");
    expect(splitTime(parseSplit("33.3%", NOW), RANGE).toISOString()).toBe("2026-11-04T08:00:00.000Z");
  });

  it.each(["0%", "100%", "150%", "seventy", "70", "-1d"])("refuses %s with a one-line message naming --split", (value) => {
    expect(() => parseSplit(value, NOW)).toThrow(UsageError);
    expect(() => parseSplit(value, NOW)).toThrow(/^--split /);
  });

  it("refuses a split that leaves no calls on one side", () => {
    expect(() => splitTime(parseSplit("2026-10-01", NOW), RANGE)).toThrow(/^--split 2026-10-01: falls at 2026-10-01T00:00:00.000Z, which leaves no calls/);
    expect(() => splitTime(parseSplit("1%", NOW), { first: new Date("2026-11-01T00:30:00Z"), last: new Date("2026-11-01T01:10:00Z") })).toThrow(UsageError);
  });
});

const EVIDENCE = { count: 1, firstSeen: "2026-11-01T00:00:00Z", lastSeen: "2026-11-01T00:00:00Z" };
const granted = (action: string, resource: string, extra: Partial<Permission> = {}): Permission => ({ action, resource, evidence: EVIDENCE, ...extra });

describe("refusalCause", () => {
  const policy = [
    granted("s3:GetObject", "arn:aws:s3:::acme/templates/invoice.html"),
    granted("s3:GetObject", "arn:aws:s3:::acme/templates/statement.html"),
    granted("s3:PutObject", "arn:aws:s3:::acme/exports/2026/11/*"),
    granted("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111122223333:table/invoices"),
    granted("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1", { conditions: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } } }),
    granted("states:DescribeExecution", "arn:aws:states:us-east-1:111122223333:execution:m:report-6f1c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90"),
  ];

  it("calls an action the role never needed new behaviour", () => {
    expect(refusalCause("dynamodb:BatchWriteItem", "arn:aws:dynamodb:us-east-1:111122223333:table/invoices", policy)).toMatchObject({ kind: "new-action" });
  });

  it("calls another table, bucket or top-level folder a new resource", () => {
    expect(refusalCause("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111122223333:table/billing-audit", policy)).toMatchObject({ kind: "new-resource" });
    expect(refusalCause("s3:GetObject", "arn:aws:s3:::other/templates/x.html", policy)).toMatchObject({ kind: "new-resource", why: expect.stringContaining("never in bucket other") });
    expect(refusalCause("s3:GetObject", "arn:aws:s3:::acme/secrets/x.json", policy)).toMatchObject({ kind: "new-resource", why: expect.stringContaining("a folder of bucket acme") });
  });

  it("calls a name beside granted ones too narrow, with the pattern that would have allowed it", () => {
    expect(refusalCause("s3:GetObject", "arn:aws:s3:::acme/templates/reminder.html", policy)).toEqual({
      kind: "too-narrow",
      why: 'bucket acme was granted names in "templates/" one by one ("templates/invoice.html"...)',
      wouldAllow: "arn:aws:s3:::acme/templates/*",
    });
    expect(refusalCause("s3:PutObject", "arn:aws:s3:::acme/exports/2026/12/batch-1.csv", policy)).toMatchObject({ kind: "too-narrow", wouldAllow: "arn:aws:s3:::acme/exports/2026/*" });
    expect(refusalCause("states:DescribeExecution", "arn:aws:states:us-east-1:111122223333:execution:m:report-0b5e9a1c-2d3f-4a5b-8c7d-9e0f1a2b3c4d", policy)).toMatchObject({
      kind: "too-narrow",
      wouldAllow: "arn:aws:states:us-east-1:111122223333:execution:m:report-*",
    });
  });

  it("calls a granted resource used under another condition a new context", () => {
    expect(refusalCause("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1", policy)).toMatchObject({ kind: "new-context" });
  });
});
