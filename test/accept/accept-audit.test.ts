import { describe, expect, it } from "vitest";
import { acceptAudit } from "../../src/accept/accept-audit.js";
import { parseAcceptedFindings } from "../../src/accept/accepted-findings.js";
import { renderAuditText } from "../../src/emit/audit/audit-text.js";
import { auditFailures } from "../../src/pipeline/ecs-audit.js";
import { exampleReport, hostileReport, HOSTILE_VARIABLE } from "../emit/audit/audit-report-fixture.js";

const accepted = (entry: Record<string, unknown>) =>
  parseAcceptedFindings({ accepted: [{ kind: "environment-secret", reason: "SEC-9", expires: "2027-01-31", ...entry }] }, "accepted.json");
const notifications = (report: ReturnType<typeof exampleReport>) => report.taskDefinitions.find((audit) => audit.family === "notifications-service")!;

describe("accepted credentials in an ecs audit", () => {
  it("takes the credential out of the findings and fails nothing while the entry holds", () => {
    const report = acceptAudit(exampleReport(), accepted({ taskDefinition: "notifications-*" }), "2027-01-31");
    expect(notifications(report).findings).toEqual([]);
    expect(notifications(report).accepted).toEqual([{ container: "notifications", variable: "SMTP_PASSWORD", reason: "SEC-9", expires: "2027-01-31", expired: false, entry: 1 }]);
    expect(auditFailures(report, ["environment-secret"])).toEqual([]);
    expect(auditFailures(exampleReport(), ["findings"])).toHaveLength(1);
  });

  it("keeps it, and says when the acceptance expired, after the expiry day", () => {
    const report = acceptAudit(exampleReport(), accepted({ taskDefinition: "notifications-service", variable: "SMTP_*" }), "2027-02-01");
    expect(notifications(report).findings.map((f) => f.variable)).toEqual(["SMTP_PASSWORD"]);
    expect(auditFailures(report, ["environment-secret"])[0]?.found).toBe("1 credential in environment in 1 task definition; acceptance expired on 2027-01-31");
  });

  it("matches the variable by its glob only", () => {
    expect(notifications(acceptAudit(exampleReport(), accepted({ taskDefinition: "notifications-service", variable: "DB_*" }), "2027-01-01")).findings).toHaveLength(1);
  });

  it("prints hostile names in the Accepted section as printable text", () => {
    const text = renderAuditText(acceptAudit(hostileReport(), accepted({ taskDefinition: "api*" }), "2027-01-01"));
    expect(text).toMatch(/^Accepted \(\d+\): findings an entry in accepted\.json covers/m);
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain(HOSTILE_VARIABLE);
  });
});
