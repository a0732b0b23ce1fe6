import { beforeAll, describe, expect, it } from "vitest";
import { currentGrants } from "../../src/diff/current-grants.js";
import { driftRole } from "../../src/drift/drift-role.js";
import type { UsageRow } from "../../src/engines/usage-row.js";
import type { IamCatalog } from "../../src/iam/catalog.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { loadActionNames, type ActionNames } from "../../src/policy/action-names.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import { replayCalls } from "../../src/pipeline/verify-role.js";
import { ROLE, testCatalog, usageRow } from "../mapping/fixtures.js";

let catalog: IamCatalog;
let names: ActionNames;
beforeAll(async () => {
  catalog = await testCatalog();
  names = await loadActionNames(["s3", "sqs"]);
});

const QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs";
const QUEUE_ARN = "arn:aws:sqs:eu-west-1:111122223333:jobs";

function drift(document: object, window: UsageRow[], before: UsageRow[] = []) {
  const baseline = [{ source: "base/payments-task.json", policy: parsePolicy(document) }];
  const policies = baseline.map((b) => b.policy);
  const explain = (rows: UsageRow[]) => rows.map((row) => explainRow(row, catalog));
  return driftRole({
    role: { arn: ROLE, name: "payments-task" },
    baseline,
    grants: currentGrants(policies, names, catalog),
    window: explain(window),
    replayed: replayCalls(explain(window), policies),
    before: replayCalls(explain(before), policies).calls,
    recordedDataEvents: new Set(["AWS::SQS::Queue"]),
    catalog,
    names,
  });
}

describe("driftRole", () => {
  it("names the Deny that refuses a call as the reason it is new usage, merging the calls' contexts", () => {
    const send = usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", parameters: { queueUrl: QUEUE }, count: 2, lastSeen: "2026-01-02T00:00:00Z" });
    const result = drift(
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" },
          { Sid: "NoJobs", Effect: "Deny", Action: "sqs:*", Resource: QUEUE_ARN },
        ],
      },
      [send],
    );
    expect(result.newUsage).toEqual([
      { action: "sqs:SendMessage", resource: QUEUE_ARN, calls: 2, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-02T00:00:00Z", reason: "explicit Deny (NoJobs)" },
    ]);
    // Resource * is the grant's only pattern, and the call used it (and was refused by the Deny).
    expect(result.unused).toEqual([]);
    expect(result.wildcards.map((w) => w.statement)).toEqual(["policy 1 statement 1"]);
    expect(result.totals).toEqual({ granted: 1, used: 1, denied: 0 });
  });

  it("counts distinct actions granted, used and refused for the chart", () => {
    const result = drift(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: QUEUE_ARN }] },
      [
        usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", parameters: { queueUrl: QUEUE } }),
        usageRow({ eventSource: "sqs.amazonaws.com", eventName: "PurgeQueue", parameters: { queueUrl: QUEUE }, errorCode: "AccessDenied" }),
        usageRow({ eventSource: "sqs.amazonaws.com", eventName: "PurgeQueue", parameters: { queueUrl: QUEUE }, errorCode: "AccessDenied", region: "us-east-1" }),
      ],
    );
    expect(result.totals).toEqual({ granted: 2, used: 1, denied: 1 });
    expect(result.unused.map((u) => u.action)).toEqual(["sqs:ReceiveMessage"]);
    expect(result.denied).toHaveLength(1);
    expect(result.denied[0]).toMatchObject({ call: "sqs.amazonaws.com:PurgeQueue", calls: 2 });
  });
});
