import { describe, expect, it } from "vitest";
import { AUDIT_JSON_VERSION, renderAuditJson } from "../../../src/emit/audit/audit-json.js";
import { exampleReport, HOSTILE_CONTAINER, HOSTILE_VALUE, HOSTILE_VARIABLE, hostileReport } from "./audit-report-fixture.js";

describe("renderAuditJson", () => {
  it("the example fleet, in the documented shape", () => {
    const json = JSON.parse(renderAuditJson(exampleReport({ region: "us-east-1" })));
    expect(json.version).toBe(AUDIT_JSON_VERSION);
    expect(json.totals).toEqual({ taskDefinitions: 3, flagged: 1, findings: 1 });
    expect(json.taskDefinitions.map((t: { family: string }) => t.family)).toEqual(["notifications-service", "payments-service", "reports-service"]);
    const [notifications, payments] = json.taskDefinitions;
    expect(notifications).toEqual({
      source: "examples/ecs/notifications-service.json",
      family: "notifications-service",
      revision: null,
      arn: null,
      executionRoleArn: "arn:aws:iam::111122223333:role/ecs/notifications-service-execution",
      location: { partition: "aws", region: "us-east-1", regionFrom: "--region", account: "111122223333", accountFrom: "execution-role-arn" },
      findings: [
        {
          container: "notifications",
          variable: "SMTP_PASSWORD",
          valueLength: 25,
          reasons: [{ rule: "name:password", why: "name has PASSWORD in it" }],
          sameValueIn: [],
          replacement: {
            secretName: "notifications-service/SMTP_PASSWORD",
            secretsEntry: { name: "SMTP_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:111122223333:secret:notifications-service/SMTP_PASSWORD" },
            statement: {
              Effect: "Allow",
              Action: ["secretsmanager:GetSecretValue"],
              Resource: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:notifications-service/SMTP_PASSWORD-??????"],
            },
          },
        },
      ],
      executionRoleStatement: {
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:notifications-service/SMTP_PASSWORD-??????"],
      },
      notes: [expect.stringMatching(/kms:Decrypt/), expect.stringMatching(/^Rotate/)],
    });
    expect(payments).toMatchObject({ revision: 42, arn: "arn:aws:ecs:us-east-1:111122223333:task-definition/payments-service:42", findings: [], executionRoleStatement: null, notes: [] });
  });

  it("round-trips hostile strings exactly, with no raw control or bidi character, and never the value", () => {
    const text = renderAuditJson(hostileReport());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const json = JSON.parse(text);
    expect(json.taskDefinitions[0].findings.map((f: { container: string; variable: string }) => [f.container, f.variable])).toEqual([
      [HOSTILE_CONTAINER, HOSTILE_VARIABLE],
      ["second", HOSTILE_VARIABLE],
    ]);
    expect(text).not.toContain(HOSTILE_VALUE.slice(0, 6));
  });
});
