import { describe, expect, it } from "vitest";
import { acceptDrift } from "../../src/accept/accept-drift.js";
import { parseAcceptedFindings } from "../../src/accept/accepted-findings.js";
import { driftFailures } from "../../src/drift/drift-failures.js";
import { DRIFT_REPORT, PAYMENTS_ROLE } from "../emit/drift/drift-report-fixture.js";

const accept = (entries: Record<string, unknown>[], today = "2026-12-01") =>
  acceptDrift(DRIFT_REPORT, parseAcceptedFindings({ accepted: entries.map((e) => ({ reason: "reviewed", expires: "2026-12-31", ...e })) }, "accepted.json"), today);
const payments = (report: ReturnType<typeof accept>) => report.roles.find((role) => role.role === PAYMENTS_ROLE)!;

describe("accepted findings in a drift report", () => {
  it("takes a denied call out of its list and shows it apart, so --fail-on denied passes for it", () => {
    const report = accept([{ role: "ecs/payments-service-task", kind: "denied", action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/*" }]);
    const role = payments(report);
    expect(role.denied.map((d) => d.call)).toEqual(["sqs.amazonaws.com:SendMessage"]);
    expect(role.accepted).toEqual([
      { kind: "denied", action: "kms:Decrypt", resources: ["arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"], calls: 1204, reason: "reviewed", expires: "2026-12-31", expired: false, entry: 1 },
    ]);
    expect(report.acceptedFrom).toBe("accepted.json");
  });

  it("fails again once the acceptance has expired, and says when it expired", () => {
    const entries = [{ role: "payments-service-task", kind: "denied", action: "*" }];
    const role = payments(accept(entries, "2027-01-01"));
    expect(role.denied).toHaveLength(2);
    expect(role.accepted?.every((a) => a.expired)).toBe(true);
    const [reason] = driftFailures(accept(entries, "2027-01-01"), ["denied"]).filter((r) => r.category === "denied");
    expect(reason?.found).toMatch(/; acceptance expired on 2026-12-31$/);
    expect(driftFailures(accept(entries, "2026-12-31"), ["denied"])[0]?.found).not.toMatch(/expired/);
  });

  it("accepts a high-risk unused grant only by an entry of kind high-risk", () => {
    expect(payments(accept([{ role: "payments-service-task", action: "*" }])).unused.map((u) => u.action)).toContain("iam:PassRole");
    const named = payments(accept([{ role: "payments-service-task", kind: "high-risk", action: "iam:passrole", resource: "arn:aws:iam::111122223333:role/*" }]));
    expect(named.unused.map((u) => u.action)).not.toContain("iam:PassRole");
    expect(named.accepted?.[0]).toMatchObject({ kind: "high-risk", action: "iam:PassRole", calls: null });
  });

  it("covers a grant only when its patterns cover every resource the grant names", () => {
    // s3:DeleteObject is granted on two resources; a pattern for one of them is not enough.
    const one = payments(accept([{ role: "payments-service-task", kind: "unused", action: "s3:DeleteObject", resource: "arn:aws:s3:::acme-payments-receipts/*" }]));
    expect(one.accepted).toEqual([]);
    const both = payments(accept([{ role: "payments-service-task", kind: "unused", action: "s3:DeleteObject", resource: ["arn:aws:s3:::acme-payments-receipts/*", "arn:aws:s3:::acme-uploads/*"] }]));
    expect(both.accepted?.map((a) => a.action)).toEqual(["s3:DeleteObject"]);
  });

  it("matches roles as --role does, and leaves other roles as they were, with an empty list", () => {
    const report = accept([{ role: "arn:aws:iam::111122223333:role/ecs/*", kind: "new-usage", action: "dynamodb:*" }]);
    expect(payments(report).newUsage.map((n) => n.action)).toEqual(["s3:PutObject"]);
    const other = report.roles.find((role) => role.role !== PAYMENTS_ROLE)!;
    expect(other.accepted).toEqual([]);
    expect(other.newUsage).toEqual(DRIFT_REPORT.roles.find((role) => role.role !== PAYMENTS_ROLE)!.newUsage);
  });

  it("prefers an entry that holds over an expired one for the same finding", () => {
    const role = payments(accept([
      { role: "payments-service-task", kind: "denied", action: "sqs:SendMessage", expires: "2026-11-30" },
      { role: "payments-service-task", kind: "denied", action: "sqs:*", expires: "2027-06-30" },
    ]));
    expect(role.accepted?.find((a) => a.action === "sqs:SendMessage")).toMatchObject({ expired: false, entry: 2 });
  });
});

describe("--fail-on reasons", () => {
  it("gives one reason per category found, with counts of findings and roles", () => {
    expect(driftFailures(DRIFT_REPORT, ["denied", "wildcards", "drift"]).map((r) => r.category)).toEqual(["denied", "wildcards", "drift"]);
    const [denied] = driftFailures(DRIFT_REPORT, ["denied"]);
    const calls = DRIFT_REPORT.roles.flatMap((role) => role.denied).reduce((sum, d) => sum + d.calls, 0);
    const roles = DRIFT_REPORT.roles.filter((role) => role.denied.length > 0).length;
    expect(denied).toEqual({ category: "denied", found: `${calls} denied calls in ${roles} roles` });
    expect(driftFailures(DRIFT_REPORT, [])).toEqual([]);
  });
});
