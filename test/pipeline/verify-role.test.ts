import { afterEach, describe, expect, it } from "vitest";
import type { NameReduction, UsageSource } from "../../src/engines/engine.js";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { ACCOUNT, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import { contextOf, replayCalls, verifyRole } from "../../src/pipeline/verify-role.js";
import { deniedCalls } from "../../src/policy/replay.js";
import { objectKeys, testCatalog, usageRow } from "../mapping/fixtures.js";

const catalog = await testCatalog();
const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/payments-events";
const QUEUE = "arn:aws:sqs:eu-west-1:111122223333:payments-events";

const rows = [
  usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", parameters: { queueUrl: QUEUE_URL }, count: 5, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-03T00:00:00Z" }),
  usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", parameters: { queueUrl: QUEUE_URL }, count: 2, invokedBy: "sns.amazonaws.com", firstSeen: "2025-12-31T00:00:00Z", lastSeen: "2026-01-02T00:00:00Z" }),
  usageRow({ eventSource: "s3.amazonaws.com", eventName: "GetObject", parameters: { bucketName: "receipts" }, objectKeys: objectKeys(Array.from({ length: 40 }, (_, i) => `2026/11/r${i}.pdf`)) }),
  usageRow({ eventSource: "s3.amazonaws.com", eventName: "DeleteObject", errorCode: "AccessDenied", parameters: { bucketName: "receipts" } }),
  usageRow({ eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity" }),
  usageRow({ eventSource: "ecr.amazonaws.com", eventName: "GetAuthorizationToken" }),
  usageRow({ eventSource: "dynamodb.amazonaws.com", eventName: "GetItem" }), // no table named: not replayable
].map((row) => explainRow(row, catalog));

const policy = (...Statement: object[]) => parsePolicy({ Version: "2012-10-17", Statement });

describe("replayCalls", () => {
  const everything = replayCalls(rows, [policy({ Effect: "Allow", Action: "*", Resource: "*" })]);

  it("replays each action of each successful call on each of its resources, merging evidence", () => {
    expect(everything.calls.map((c) => [c.action, c.resource, c.decision])).toEqual([
      ["ecr:GetAuthorizationToken", "*", "allowed"],
      ["s3:GetObject", "arn:aws:s3:::receipts/20*", "allowed"],
      ["sqs:SendMessage", QUEUE, "allowed"],
    ]);
    expect(everything.calls[2]).toMatchObject({
      calls: ["sqs.amazonaws.com:SendMessage"],
      evidence: { count: 7, firstSeen: "2025-12-31T00:00:00Z", lastSeen: "2026-01-03T00:00:00Z" },
    });
  });

  it("leaves out denied calls and calls that need no permission, and lists what it cannot replay with the reason", () => {
    expect(everything.calls.some((c) => c.action === "s3:DeleteObject")).toBe(false);
    expect(everything.notReplayable).toEqual([
      expect.objectContaining({ eventSource: "dynamodb.amazonaws.com", eventName: "GetItem", action: "dynamodb:GetItem", reason: expect.stringContaining("table") }),
    ]);
  });

  it("denies a generalized call as soon as a Deny may name one of its resources", () => {
    const trimmed = replayCalls(rows, [
      policy(
        { Effect: "Allow", Action: ["sqs:SendMessage", "ecr:GetAuthorizationToken"], Resource: "*" },
        { Sid: "NoReceipts", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::receipts/2026/11/r1.pdf" },
      ),
    ]);
    expect(deniedCalls(trimmed).map((c) => [c.action, c.decision, c.statements.map((s) => s.sid)])).toEqual([
      ["s3:GetObject", "explicitly-denied", ["NoReceipts"]],
    ]);
  });
});

describe("replayCalls with what the logs show of the context", () => {
  const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const viaS3 = [
    usageRow({ eventSource: "kms.amazonaws.com", eventName: "Decrypt", invokedBy: "s3.amazonaws.com", resources: [{ arn: KEY, type: "AWS::KMS::Key", accountId: "111122223333" }] }),
  ].map((row) => explainRow(row, catalog));
  const decrypt = (condition?: object) =>
    replayCalls(viaS3, [policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY, ...(condition ? { Condition: condition } : {}) })]).calls[0];

  it("replays a KMS call S3 made for the role with its kms:ViaService, so that a condition on it is decided", () => {
    expect(decrypt()).toMatchObject({ context: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" }, decision: "allowed" });
    expect(decrypt({ StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com", "sqs.eu-west-1.amazonaws.com"] } })?.decision).toBe("allowed");
    expect(decrypt({ StringLike: { "kms:viaservice": "s3.*.amazonaws.com" } })?.decision).toBe("allowed");
    expect(decrypt({ StringEquals: { "kms:ViaService": "sqs.eu-west-1.amazonaws.com" } })?.decision).toBe("denied");
  });

  it("leaves a condition on anything else conditional", () => {
    expect(decrypt({ StringEquals: { "aws:SourceVpc": "vpc-1" } })?.decision).toBe("conditionally-allowed");
    expect(decrypt({ Bool: { "aws:SecureTransport": "true" } })?.decision).toBe("conditionally-allowed");
  });
});

describe("contextOf", () => {
  it("takes single-valued StringEquals conditions as facts, nothing else", () => {
    expect(
      contextOf({
        conditions: {
          StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"], "aws:SourceAccount": ["1", "2"] },
          StringLike: { "iam:PassedToService": ["ecs-tasks.*"] },
        },
      }),
    ).toEqual({ "kms:ViaService": "s3.eu-west-1.amazonaws.com" });
    expect(contextOf({})).toEqual({});
  });
});

describe("verifyRole counts each call on the name it used", () => {
  const ROLE_ARN = "arn:aws:iam::111122223333:role/ecs/reports-task";
  const open: UsageSource[] = [];
  afterEach(() => {
    while (open.length > 0) open.pop()!.close();
  });

  async function verifyFolder(names: NameReduction, granted = "arn:aws:s3:::reports/out/a-*") {
    const root = tempDir();
    const get = (key: string) =>
      roleEvent("ecs/reports-task", "s3.amazonaws.com", "GetObject", {
        requestParameters: { bucketName: "reports", key },
        resources: [{ accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::reports" }],
      });
    const keys = [...Array.from({ length: 24 }, (_, i) => `out/a-${i}.pdf`), ...Array.from({ length: 41 }, (_, i) => `out/b-${i}.pdf`)];
    writeFile(root, "f.json.gz", recordsGzip(keys.map(get)));
    const source = await scanLocalLogs({ logs: [root], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names });
    open.push(source);
    const role = { arn: ROLE_ARN, name: "reports-task", account: "111122223333", kind: "role" as const, partition: "aws", path: "/ecs/" };
    return verifyRole(source, role, [policy({ Effect: "Allow", Action: "s3:GetObject", Resource: granted })]);
  }

  it("refuses exactly the calls whose key the policy does not name, of a folder it names in part", async () => {
    const { tally } = await verifyFolder("exact");
    expect(tally).toEqual({ calls: 65, allowed: 24, refused: 41, conditional: 0, undetermined: 0, notReplayable: 0 });
  });

  it("refuses the calls of a shape the policy names no part of", async () => {
    const { tally } = await verifyFolder("shapes");
    expect(tally).toEqual({ calls: 65, allowed: 24, refused: 41, conditional: 0, undetermined: 0, notReplayable: 0 });
  });

  it("calls the calls of a shape the policy names in part undetermined, never all refused", async () => {
    const { tally } = await verifyFolder("shapes", "arn:aws:s3:::reports/out/b-1*");
    expect(tally).toEqual({ calls: 65, allowed: 0, refused: 24, conditional: 0, undetermined: 41, notReplayable: 0 });
  });
});
