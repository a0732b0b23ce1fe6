import { describe, expect, it } from "vitest";
import { mapUsage, servicePrefixesFor } from "../../src/mapping/map-usage.js";
import { DEFAULT_GENERALIZATION } from "../../src/mapping/generalization.js";
import { ROLE, objectKeys, testCatalog, usageRow } from "./fixtures.js";

const catalog = await testCatalog();

const getObject = usageRow({
  eventSource: "s3.amazonaws.com",
  eventName: "GetObject",
  parameters: { bucketName: "payments-data" },
  objectKeys: objectKeys(["config/app.json"]),
});

describe("mapUsage", () => {
  it("turns a successful call into a permission with its evidence", () => {
    expect(mapUsage([getObject], catalog)).toEqual({
      permissions: [
        {
          action: "s3:GetObject",
          resource: "arn:aws:s3:::payments-data/config/app.json",
          evidence: { count: 1, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-01T00:00:00Z" },
        },
      ],
      unmapped: [],
      denied: [],
      failed: [],
    });
  });

  it("grants calls that failed after authorization (NoSuchKey, throttling)", () => {
    const result = mapUsage([{ ...getObject, errorCode: "NoSuchKey" }], catalog);
    expect(result.permissions.map((p) => p.action)).toEqual(["s3:GetObject"]);
  });

  it("never grants a call refused by IAM; reports it as denied with what it would have needed", () => {
    const refused = usageRow({
      eventSource: "secretsmanager.amazonaws.com",
      eventName: "GetSecretValue",
      errorCode: "AccessDenied",
      parameters: { secretId: "prod/db" },
      count: 3,
    });
    const ec2 = usageRow({
      eventSource: "ec2.amazonaws.com",
      eventName: "DescribeInstances",
      errorCode: "Client.UnauthorizedOperation",
    });
    const result = mapUsage([refused, ec2], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.denied).toEqual([
      {
        principal: ROLE,
        eventSource: "ec2.amazonaws.com",
        eventName: "DescribeInstances",
        errorCode: "Client.UnauthorizedOperation",
        actions: ["ec2:DescribeInstances"],
        resources: ["*"],
        evidence: { count: 1, firstSeen: ec2.firstSeen, lastSeen: ec2.lastSeen },
      },
      {
        principal: ROLE,
        eventSource: "secretsmanager.amazonaws.com",
        eventName: "GetSecretValue",
        errorCode: "AccessDenied",
        actions: ["secretsmanager:GetSecretValue"],
        resources: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????"],
        evidence: { count: 3, firstSeen: refused.firstSeen, lastSeen: refused.lastSeen },
      },
    ]);
  });

  it("does not count calls that failed authentication as needed or denied", () => {
    const result = mapUsage([{ ...getObject, errorCode: "ExpiredToken" }], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.denied).toEqual([]);
    expect(result.unmapped).toMatchObject([{ eventName: "GetObject", reason: expect.stringMatching(/ExpiredToken/) }]);
  });

  it("grants calls an AWS service made on the role's behalf (SSE-KMS by S3)", () => {
    const decrypt = usageRow({
      eventSource: "kms.amazonaws.com",
      eventName: "Decrypt",
      invokedBy: "s3.amazonaws.com",
      resources: [
        {
          arn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          type: "AWS::KMS::Key",
          accountId: "111122223333",
        },
      ],
    });
    expect(mapUsage([decrypt], catalog).permissions).toMatchObject([
      { action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    ]);
  });

  it("gives '*' to actions without resource-level permissions", () => {
    const rows = [
      usageRow({ eventSource: "ecr.amazonaws.com", eventName: "GetAuthorizationToken" }),
      usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListBuckets" }),
      usageRow({ eventSource: "monitoring.amazonaws.com", eventName: "PutMetricData" }),
    ];
    expect(mapUsage(rows, catalog).permissions.map((p) => [p.action, p.resource])).toEqual([
      ["cloudwatch:PutMetricData", "*"],
      ["ecr:GetAuthorizationToken", "*"],
      ["s3:ListAllMyBuckets", "*"],
    ]);
  });

  it("reports an action whose ARN the event does not give instead of widening it to '*'", () => {
    const noKey = usageRow({ eventSource: "s3.amazonaws.com", eventName: "GetObject", parameters: { bucketName: "b" } });
    const result = mapUsage([noKey], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.unmapped).toMatchObject([{ action: "s3:GetObject", reason: "the event names no object key" }]);
  });

  it("reports events whose service or action iam-data does not know", () => {
    const rows = [
      usageRow({ eventSource: "unknown.amazonaws.com", eventName: "something" }),
      usageRow({ eventSource: "dynamodb.amazonaws.com", eventName: "FrobnicateTable" }),
      usageRow({ eventSource: "lambda.amazonaws.com", eventName: "FrobnicateFunction20150331" }),
    ];
    expect(mapUsage(rows, catalog).unmapped.map((u) => [u.eventSource, u.action, u.reason])).toEqual([
      ["dynamodb.amazonaws.com", "dynamodb:FrobnicateTable", "iam-data has no action dynamodb:FrobnicateTable"],
      ["lambda.amazonaws.com", "lambda:FrobnicateFunction", "iam-data has no action lambda:FrobnicateFunction"],
      ["unknown.amazonaws.com", null, 'iam-data has no service "unknown" for eventSource unknown.amazonaws.com'],
    ]);
  });

  it("emits canonical IAM names for CloudTrail's versioned and differently named operations", () => {
    const rows = [
      usageRow({
        eventSource: "lambda.amazonaws.com",
        eventName: "GetFunctionConfiguration20150331v2",
        parameters: { functionName: "settle" },
      }),
      usageRow({ eventSource: "cloudfront.amazonaws.com", eventName: "ListDistributions2020_05_31" }),
    ];
    expect(mapUsage(rows, catalog).permissions.map((p) => [p.action, p.resource])).toEqual([
      ["cloudfront:ListDistributions", "*"],
      ["lambda:GetFunctionConfiguration", "arn:aws:lambda:eu-west-1:111122223333:function:settle"],
    ]);
  });

  it("needs no permission for sts:GetCallerIdentity", () => {
    const result = mapUsage([usageRow({ eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity" })], catalog);
    expect(result).toEqual({ permissions: [], unmapped: [], denied: [], failed: [] });
  });

  it("merges evidence of equal (action, resource) pairs and sorts the output", () => {
    const rows = [
      usageRow({
        eventSource: "s3.amazonaws.com",
        eventName: "HeadObject",
        parameters: { bucketName: "b" },
        objectKeys: objectKeys(["k"]),
        count: 2,
        firstSeen: "2026-01-03T00:00:00Z",
        lastSeen: "2026-01-04T00:00:00Z",
      }),
      usageRow({
        eventSource: "s3.amazonaws.com",
        eventName: "GetObject",
        parameters: { bucketName: "b" },
        objectKeys: objectKeys(["k"]),
        count: 5,
        firstSeen: "2026-01-01T00:00:00Z",
        lastSeen: "2026-01-02T00:00:00Z",
      }),
      usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListObjectsV2", parameters: { bucketName: "b" } }),
    ];
    const expected = [
      {
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        evidence: { count: 7, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-04T00:00:00Z" },
      },
      { action: "s3:ListBucket", resource: "arn:aws:s3:::b", evidence: expect.anything() },
    ];
    expect(mapUsage(rows, catalog).permissions).toEqual(expected);
    expect(mapUsage([...rows].reverse(), catalog).permissions).toEqual(expected);
  });
});

describe("servicePrefixesFor", () => {
  it("lists the services to load for a set of rows", () => {
    const rows = [
      usageRow({ eventSource: "monitoring.amazonaws.com", eventName: "PutMetricData" }),
      usageRow({ eventSource: "s3.amazonaws.com", eventName: "GetObject" }),
      usageRow({ eventSource: "s3.amazonaws.com", eventName: "PutObject" }),
    ];
    expect(servicePrefixesFor(rows)).toEqual(["cloudwatch", "s3"]);
  });
});

describe("mapUsage with calls that failed", () => {
  it("never grants a call that failed before authorization, and names it beside the denied ones", async () => {
    const catalog = await testCatalog();
    const row = usageRow({ eventSource: "secretsmanager.amazonaws.com", eventName: "GetSecretValue", errorCode: "ValidationException", parameters: { secretId: "prod/*" } });
    const result = mapUsage([row], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.failed).toEqual([
      expect.objectContaining({ eventName: "GetSecretValue", errorCode: "ValidationException", actions: ["secretsmanager:GetSecretValue"] }),
    ]);
    // Asked to, it grants the name the request carried as text, never as a wildcard.
    const granted = mapUsage([row], catalog, { ...DEFAULT_GENERALIZATION, failedCalls: "grant" }).permissions.map((p) => p.resource);
    expect(granted).toEqual(["arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/${*}-??????"]);
  });
});

describe("mapUsage with names no policy can hold", () => {
  it("reports a resource longer than any ARN IAM takes instead of failing the policy", async () => {
    const catalog = await testCatalog();
    const long = `prod/${"x".repeat(7000)}`;
    const result = mapUsage([usageRow({ eventSource: "secretsmanager.amazonaws.com", eventName: "GetSecretValue", parameters: { secretId: long } })], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.unmapped).toEqual([expect.objectContaining({ action: "secretsmanager:GetSecretValue", reason: expect.stringMatching(/^a resource of 70\d\d characters, longer than any ARN IAM takes \(2048\)/) })]);
  });

  it("counts a call once however many of its names are too long, and still grants the others", async () => {
    const catalog = await testCatalog();
    const long = (c: string) => `${c.repeat(3000)}/a.txt`;
    const row = usageRow({
      eventSource: "s3.amazonaws.com",
      eventName: "GetObject",
      count: 7,
      parameters: { bucketName: "docs" },
      objectKeys: objectKeys([long("a-"), long("b/"), long("c."), "config/settings.json"], true),
    });
    const result = mapUsage([row], catalog);
    expect(result.permissions.map((p) => p.resource)).toEqual(["arn:aws:s3:::docs/config/settings.json"]);
    expect(result.unmapped).toEqual([expect.objectContaining({ action: "s3:GetObject", reason: expect.stringMatching(/^3 resources of up to 60\d\d characters, longer than any ARN IAM takes \(2048\)/) })]);
    expect(result.unmapped[0]!.evidence.count).toBe(7);
  });

  it.each(["", ".amazonaws.com", "s3.amazonaws.com:*", "S 3"])("names no service for the eventSource %j, without failing", async (eventSource) => {
    const catalog = await testCatalog();
    const row = usageRow({ eventSource, eventName: "GetThing" });
    expect(servicePrefixesFor([row])).toEqual([]);
    const result = mapUsage([row], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.unmapped).toEqual([expect.objectContaining({ action: null, reason: expect.stringMatching(/names no AWS service|iam-data has no service/) })]);
  });
});
