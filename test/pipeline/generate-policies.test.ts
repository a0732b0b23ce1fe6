import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/tighten-config.js";
import type { UsageSource } from "../../src/engines/engine.js";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import { parseRoleArn } from "../../src/engines/role-selection.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { generatePolicies } from "../../src/pipeline/generate-policies.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const ROLE = "ecs/deployer-task";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`;

const open: UsageSource[] = [];
afterEach(() => {
  while (open.length > 0) open.pop()?.close();
});

async function generate(events: readonly unknown[], config = DEFAULT_CONFIG) {
  const root = tempDir();
  writeFile(root, deliveryKey(ACCOUNT, "us-east-1", "2026/11/02"), recordsGzip(events));
  const source = await scanLocalLogs({ logs: [root], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
  open.push(source);
  const [policy] = await generatePolicies(source, [parseRoleArn(ROLE_ARN)!], config);
  return policy!;
}

describe("generatePolicies, CloudTrail files to policy", () => {
  it("adds iam:PassRole from nested request parameters, and kms:ViaService for calls made through S3", async () => {
    const policy = await generate([
      roleEvent(ROLE, "ecs.amazonaws.com", "RunTask", {
        requestParameters: {
          cluster: "main",
          taskDefinition: "batch:3",
          overrides: { taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/batch-task`, containerOverrides: [{ name: "app", command: ["run", "42"] }] },
        },
      }),
      roleEvent(ROLE, "kms.amazonaws.com", "Decrypt", {
        userIdentity: { ...(roleEvent(ROLE, "kms", "x").userIdentity as object), invokedBy: "s3.amazonaws.com" },
        resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: KEY }],
      }),
    ]);
    const passRole = policy.document.Statement.find((s) => s.Action.includes("iam:PassRole"));
    expect(passRole).toMatchObject({
      Resource: [`arn:aws:iam::${ACCOUNT}:role/batch-task`],
      Condition: { StringEquals: { "iam:PassedToService": ["ecs-tasks.amazonaws.com"] } },
    });
    const kms = policy.document.Statement.find((s) => s.Action.includes("kms:Decrypt"));
    expect(kms?.Condition).toEqual({ StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } });
    // the execution role comes from the task definition, which the event does not show: said
    expect(policy.mapping.unmapped.map((u) => u.action)).toEqual(["iam:PassRole"]);
    expect(policy.policies).toMatchObject({ kind: "inline", documents: [policy.document], note: null });
    expect(policy.trust.Statement[0]?.Condition).toEqual({
      ArnLike: { "aws:SourceArn": [`arn:aws:ecs:us-east-1:${ACCOUNT}:*`] },
      StringEquals: { "aws:SourceAccount": [ACCOUNT] },
    });
  });

  it("applies the config's generalization and policy type", async () => {
    const query = roleEvent(ROLE, "dynamodb.amazonaws.com", "Query", { requestParameters: { tableName: "orders", indexName: "by-day" } });
    const exact = await generate([query], { generalize: { ...DEFAULT_CONFIG.generalize, dynamodbIndexes: "exact" }, policyType: "managed" });
    expect(exact.document.Statement[0]?.Resource).toEqual([`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/index/by-day`]);
    expect(exact.policies.kind).toBe("managed");
    const any = await generate([query]);
    expect(any.document.Statement[0]?.Resource).toEqual([`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/index/*`]);
  });
});
