import { beforeAll, describe, expect, it } from "vitest";
import { ecsFindings } from "../../src/drift/ecs-hygiene.js";
import type { IamCatalog } from "../../src/iam/catalog.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { testCatalog, usageRow } from "../mapping/fixtures.js";

let catalog: IamCatalog;
beforeAll(async () => {
  catalog = await testCatalog();
});

const agent = (eventSource: string, eventName: string) => usageRow({ eventSource, eventName, invokedBy: "ecs-tasks.amazonaws.com" });
const findings = (name: string, ...rows: ReturnType<typeof usageRow>[]) => ecsFindings(name, rows.map((row) => explainRow(row, catalog)));

describe("ecsFindings", () => {
  it("finds one role used as both task role and execution role", () => {
    expect(
      findings(
        "payments",
        agent("ecr.amazonaws.com", "GetAuthorizationToken"),
        agent("logs.amazonaws.com", "CreateLogStream"),
        usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", parameters: { queueUrl: "https://sqs.eu-west-1.amazonaws.com/111122223333/q" } }),
      ),
    ).toEqual([
      {
        kind: "task-and-execution-role",
        agentCalls: ["ecr.amazonaws.com:GetAuthorizationToken", "logs.amazonaws.com:CreateLogStream"],
        applicationCalls: ["sqs.amazonaws.com:SendMessage"],
        advice: expect.stringMatching(/split it into an execution role .* and a task role/),
      },
    ]);
  });

  it("calls it an execution role making application calls when the name says execution", () => {
    const [finding] = findings("Payments-Execution", agent("ecr.amazonaws.com", "GetAuthorizationToken"), usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListBuckets" }));
    expect(finding?.kind).toBe("execution-role-application-calls");
  });

  it("finds nothing in a clean execution role: calls services make for it, refusals and GetCallerIdentity are not the application's", () => {
    expect(
      findings(
        "payments-execution",
        agent("ecr.amazonaws.com", "BatchGetImage"),
        usageRow({ eventSource: "kms.amazonaws.com", eventName: "Decrypt", invokedBy: "secretsmanager.amazonaws.com" }),
        usageRow({ eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity" }),
        usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListBuckets", errorCode: "AccessDenied" }),
      ),
    ).toEqual([]);
  });

  it("finds nothing in a task role the agent never uses", () => {
    expect(findings("payments-task", usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListBuckets" }))).toEqual([]);
  });
});
