import { describe, expect, it } from "vitest";
import { renderAuditText } from "../../../src/emit/audit/audit-text.js";
import { auditTaskDefinitions } from "../../../src/pipeline/ecs-audit.js";
import { exampleReport, HOSTILE_VALUE, hostileReport } from "./audit-report-fixture.js";

describe("renderAuditText", () => {
  it("the example fleet: the finding, its replacement, the statement and the notes", () => {
    expect(renderAuditText(exampleReport())).toBe(
      [
        "ECS audit: 1 credential in environment, in 1 of 3 task definitions (values are never shown, only their length)",
        "",
        "notifications-service (examples/ecs/notifications-service.json): 1 finding",
        "  CONTAINER      VARIABLE       LENGTH  WHY",
        "  notifications  SMTP_PASSWORD      25  name has PASSWORD in it",
        "",
        "  Replace them with these secrets entries (the secret holds the value; create it first):",
        '    container notifications: {"name":"SMTP_PASSWORD","valueFrom":"arn:aws:secretsmanager:REGION:111122223333:secret:notifications-service/SMTP_PASSWORD"}',
        "",
        "  Execution role arn:aws:iam::111122223333:role/ecs/notifications-service-execution needs:",
        '    {"Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["arn:aws:secretsmanager:REGION:111122223333:secret:notifications-service/SMTP_PASSWORD-??????"]}',
        "",
        "  - The region is unknown (no task definition ARN): the ARNs say REGION; pass --region.",
        "  - If a customer managed KMS key encrypts a secret, the execution role also needs kms:Decrypt on that key; the default aws/secretsmanager key needs no grant.",
        "  - Rotate each flagged value after moving it: every revision of the task definition still holds it.",
        "",
        "payments-service:42 (examples/ecs/payments-service.json): no credentials in environment",
        "",
        "reports-service:7 (examples/ecs/reports-service.json): no credentials in environment",
        "",
      ].join("\n"),
    );
  });

  it("says when everything is clean, or there was nothing to audit", () => {
    expect(renderAuditText(auditTaskDefinitions([], {}))).toBe("ECS audit: no task definitions to audit\n");
    const clean = renderAuditText({ taskDefinitions: exampleReport().taskDefinitions.filter((t) => t.findings.length === 0) });
    expect(clean.split("\n")[0]).toBe("ECS audit: no credentials in environment in 2 task definitions");
  });

  it("shows control characters from a task definition as escapes, and never the value", () => {
    const text = renderAuditText(hostileReport());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain("app`\\u001b[31m\\u202e");
    expect(text).toContain("DB_PASSWORD\\u000a# injected|```");
    expect(text).toContain("same value in second");
    expect(text).not.toContain(HOSTILE_VALUE.slice(0, 6));
  });
});
