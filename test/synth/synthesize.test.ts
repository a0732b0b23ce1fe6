import { describe, expect, it } from "vitest";
import type { Permission } from "../../src/mapping/permission.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { testCatalog } from "../mapping/fixtures.js";

const catalog = await testCatalog();
const evidence = { count: 1, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-01T00:00:00Z" };
const permission = (action: string, resource: string): Permission => ({ action, resource, evidence });

const BUCKET = "arn:aws:s3:::payments-data";
const OBJECTS = "arn:aws:s3:::payments-data/exports/*";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const permissions = [
  permission("s3:PutObject", OBJECTS),
  permission("kms:GenerateDataKey", KEY),
  permission("s3:GetObject", OBJECTS),
  permission("ecr:GetAuthorizationToken", "*"),
  permission("s3:ListBucket", BUCKET),
  permission("kms:Decrypt", KEY),
  permission("cloudwatch:PutMetricData", "*"),
];

describe("synthesize", () => {
  it("puts actions that share exactly the same resources in one statement, '*' actions together", () => {
    expect(synthesize(permissions, catalog)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudwatchEcrReadWriteAnyResource",
          Effect: "Allow",
          Action: ["cloudwatch:PutMetricData", "ecr:GetAuthorizationToken"],
          Resource: ["*"],
        },
        { Sid: "KmsWrite", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [KEY] },
        { Sid: "S3List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [BUCKET] },
        { Sid: "S3ReadWrite", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [OBJECTS] },
      ],
    });
  });

  it("groups by the whole resource set, not by single resources", () => {
    const a = "arn:aws:s3:::b/a";
    const b = "arn:aws:s3:::b/b";
    const doc = synthesize(
      [permission("s3:GetObject", a), permission("s3:GetObject", b), permission("s3:PutObject", a)],
      catalog,
    );
    expect(doc.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["s3:GetObject"], [a, b]],
      [["s3:PutObject"], [a]],
    ]);
  });

  it("is deterministic: input order does not matter", () => {
    const forward = synthesize(permissions, catalog);
    const backward = synthesize([...permissions].reverse(), catalog);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it("names statements that would share a Sid by their actions", () => {
    const doc = synthesize(
      [permission("kms:Decrypt", KEY), permission("kms:GenerateDataKey", "arn:aws:kms:eu-west-1:111122223333:key/other")],
      catalog,
    );
    expect(doc.Statement.map((s) => s.Sid)).toEqual(["KmsDecrypt", "KmsGenerateDataKey"]);
  });

  it("gives unique Sids of letters and digits, derived from content alone", () => {
    const input = [
      permission("s3:GetObject", "arn:aws:s3:::one/*"),
      permission("s3:GetObject", "arn:aws:s3:::two/x"),
      permission("s3:GetObjectAcl", "arn:aws:s3:::two/x"),
    ];
    const sids = synthesize(input, catalog).Statement.map((s) => s.Sid ?? "");
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    // each action is in one statement only, so naming by actions always tells them apart
    expect(sids).toEqual(["S3GetObject", "S3GetObjectAcl"]);
    // a statement's Sid does not depend on statements of other services
    const sqs = permission("sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q");
    expect(synthesize([...input, sqs], catalog).Statement.map((s) => s.Sid)).toEqual([...sids, "SqsWrite"]);
  });

  it("lets '*' cover the ARNs of the same action", () => {
    const doc = synthesize([permission("ec2:DescribeInstances", "*")], catalog);
    expect(doc.Statement).toEqual([
      { Sid: "Ec2ListAnyResource", Effect: "Allow", Action: ["ec2:DescribeInstances"], Resource: ["*"] },
    ]);
    const mixed = synthesize([permission("s3:GetObject", "*"), permission("s3:GetObject", OBJECTS)], catalog);
    expect(mixed.Statement.map((s) => s.Resource)).toEqual([["*"]]);
  });

  it("never writes a wildcard action", () => {
    expect(() => synthesize([permission("s3:Get*", "*")], catalog)).toThrow(/wildcard/);
  });

  it("gives an empty policy for no permissions", () => {
    expect(synthesize([], catalog)).toEqual({ Version: "2012-10-17", Statement: [] });
  });
});
