import { describe, expect, it } from "vitest";
import { explainRow } from "../../src/mapping/explain-row.js";
import { foldExplanations, mapUsage } from "../../src/mapping/map-usage.js";
import { objectKeys, testCatalog, usageRow } from "./fixtures.js";

const catalog = await testCatalog();

describe("explainRow", () => {
  it("says where the service, the action and each resource came from", () => {
    const row = usageRow({
      eventSource: "s3.amazonaws.com",
      eventName: "HeadObject",
      parameters: { bucketName: "payments-data" },
      objectKeys: objectKeys(["config/app.json"]),
      count: 4,
    });
    expect(explainRow(row, catalog)).toEqual({
      row,
      outcome: "granted",
      servicePrefix: "s3",
      servicePrefixVia: "eventSource host",
      note: null,
      actions: [
        {
          action: "s3:GetObject",
          exists: true,
          candidate: false,
          actionVia: "exception table: S3 User Guide, Required permissions for Amazon S3 API operations: HeadObject needs s3:GetObject",
          resources: ["arn:aws:s3:::payments-data/config/app.json"],
          resourcesVia: "requestParameters.bucketName + object keys: 1 exact",
          unmapped: null,
          names: [{ pattern: "arn:aws:s3:::payments-data/config/app.json", template: "config/app.json", names: 1, why: "a plain name, used once" }],
        },
      ],
    });
  });

  it("names the exception table row behind a service prefix, and a stripped version suffix", () => {
    const metric = explainRow(usageRow({ eventSource: "monitoring.amazonaws.com", eventName: "ListMetrics" }), catalog);
    expect(metric.servicePrefixVia).toBe(
      "exception table: iam-dataset cloudtrail_service_mappings, trailscraper cloudtrail.py: CloudWatch metrics and alarms",
    );
    const lambda = explainRow(
      usageRow({ eventSource: "lambda.amazonaws.com", eventName: "GetFunction20150331v2", parameters: { functionName: "f" } }),
      catalog,
    );
    expect(lambda.actions.map((a) => [a.action, a.actionVia])).toEqual([["lambda:GetFunction", "event name without version suffix"]]);
    const ecr = explainRow(usageRow({ eventSource: "ecr.amazonaws.com", eventName: "GetAuthorizationToken" }), catalog);
    expect(ecr.actions.map((a) => [a.actionVia, a.resources, a.resourcesVia])).toEqual([
      ["event name", ["*"], "no resource-level support (iam-data)"],
    ]);
  });

  it("keeps what a denied call would have needed, and says why failed or free calls grant nothing", () => {
    const denied = explainRow(
      usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", errorCode: "AccessDenied", parameters: { queueName: "q" } }),
      catalog,
    );
    expect(denied.outcome).toBe("denied");
    expect(denied.actions.map((a) => a.resources)).toEqual([["arn:aws:sqs:eu-west-1:111122223333:q"]]);

    const expired = explainRow(usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListBuckets", errorCode: "ExpiredToken" }), catalog);
    expect([expired.outcome, expired.note]).toEqual(["unauthenticated", "failed authentication (ExpiredToken) before IAM evaluated the call"]);

    const free = explainRow(usageRow({ eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity" }), catalog);
    expect([free.outcome, free.actions, free.note]).toEqual([
      "no-permission-needed",
      [],
      "needs no permission (exception table: STS API Reference, GetCallerIdentity: no permission is required, and a Deny does not stop it)",
    ]);

    const unknown = explainRow(usageRow({ eventSource: "nothing.amazonaws.com", eventName: "Do" }), catalog);
    expect([unknown.outcome, unknown.note]).toEqual(["unknown-service", 'iam-data has no service "nothing" for eventSource nothing.amazonaws.com']);
  });

  it("marks the candidates of a call whose per-item actions the row cannot tell", () => {
    const row = usageRow({ eventSource: "dynamodb.amazonaws.com", eventName: "TransactWriteItems" });
    const explanation = explainRow(row, catalog);
    expect(explanation.actions.map((a) => [a.action, a.candidate, a.resources])).toEqual([
      ["dynamodb:ConditionCheckItem", true, []],
      ["dynamodb:DeleteItem", true, []],
      ["dynamodb:PutItem", true, []],
      ["dynamodb:UpdateItem", true, []],
    ]);
    expect(explanation.actions[0]?.actionVia).toBe("undetermined (exception table: DynamoDB Developer Guide, Using IAM with DynamoDB transactions)");
    // A refused transaction is denied without claiming which candidate it needed.
    expect(mapUsage([{ ...row, errorCode: "AccessDeniedException" }], catalog).denied).toMatchObject([{ actions: [], resources: [] }]);
  });
});

describe("mapUsage", () => {
  it("is the fold of the rows' explanations", () => {
    const rows = [
      usageRow({ eventSource: "s3.amazonaws.com", eventName: "GetObject", parameters: { bucketName: "b" }, objectKeys: objectKeys(["k"]) }),
      usageRow({ eventSource: "s3.amazonaws.com", eventName: "GetObject", parameters: { bucketName: "b" } }),
      usageRow({ eventSource: "kms.amazonaws.com", eventName: "Decrypt", errorCode: "AccessDeniedException" }),
    ];
    expect(mapUsage(rows, catalog)).toEqual(foldExplanations(rows.map((row) => explainRow(row, catalog))));
  });
});

describe("implied actions", () => {
  const createStream = usageRow({
    eventSource: "logs.amazonaws.com",
    eventName: "CreateLogStream",
    invokedBy: "ecs-tasks.amazonaws.com",
    parameters: { logGroupName: "/ecs/payments" },
    objectKeys: objectKeys(["ecs/api/0f3c2a4e7b1d4c559a2e5d8c1e6b7a90"]),
  });

  it("adds logs:PutLogEvents beside a logged CreateLogStream, on the same group's streams, marked implied", () => {
    const explanation = explainRow(createStream, catalog);
    const put = explanation.actions.find((a) => a.action === "logs:PutLogEvents")!;
    expect(put).toMatchObject({
      implied: expect.stringContaining("CloudTrail does not record logs:PutLogEvents"),
      actionVia: expect.stringMatching(/^implied by logs:CreateLogStream: CloudWatch Logs User Guide/),
      resources: ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/payments:*"],
    });
    const permission = mapUsage([createStream], catalog).permissions.find((p) => p.action === "logs:PutLogEvents")!;
    expect(permission.implied).toBe(put.implied);
  });

  it("never implies from a denied call, and a real call of the action makes it observed", () => {
    expect(explainRow({ ...createStream, errorCode: "AccessDeniedException" }, catalog).actions.map((a) => a.action)).toEqual(["logs:CreateLogStream"]);
    const put = usageRow({ eventSource: "logs.amazonaws.com", eventName: "PutLogEvents", parameters: { logGroupName: "/ecs/payments" }, objectKeys: objectKeys(["ecs/api/x"]) });
    const permission = mapUsage([createStream, put], catalog).permissions.find((p) => p.action === "logs:PutLogEvents")!;
    expect(permission.implied).toBeUndefined();
  });
});
