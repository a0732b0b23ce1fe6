import { beforeAll, describe, expect, it } from "vitest";
import { currentGrants, grantOptionsFor, servicesNamedBy, type Grant } from "../../src/diff/current-grants.js";
import { loadIamCatalog, type IamCatalog } from "../../src/iam/catalog.js";
import { loadActionNames, type ActionNames } from "../../src/policy/action-names.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";

const SERVICES = ["s3", "iam", "sqs", "dynamodb", "kms", "sts"];
let names: ActionNames;
let catalog: IamCatalog;
beforeAll(async () => {
  names = await loadActionNames(SERVICES);
  catalog = await loadIamCatalog(SERVICES);
});

const ROLE = "arn:aws:iam::111122223333:role/ecs/worker";
const TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";

function grants(...statements: object[]): Grant[] {
  return currentGrants([parsePolicy({ Version: "2012-10-17", Statement: statements })], names, catalog, grantOptionsFor(ROLE));
}
const actions = (list: readonly Grant[]) => list.map((grant) => grant.action);
const grantOf = (list: readonly Grant[], action: string) => list.find((grant) => grant.action === action);

describe("currentGrants: an action is granted only where its resource types can be named", () => {
  it("s3:Get* on bucket/* grants the object reads, not GetBucketPolicy, GetAccessPoint or ListAllMyBuckets", () => {
    const result = grants({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::bucket/*" });
    expect(actions(result)).toContain("s3:GetObject");
    expect(actions(result)).toContain("s3:GetObjectVersionTagging");
    expect(actions(result)).not.toContain("s3:GetBucketPolicy");
    expect(actions(result)).not.toContain("s3:GetAccessPoint");
    expect(actions(result)).not.toContain("s3:GetAccountPublicAccessBlock"); // no resource types: authorized on "*"
    // Every one of them can name an object: the 62 "removed" were 15 or so real ones.
    expect(result.every((grant) => grant.action.startsWith("s3:GetObject"))).toBe(true);
  });

  it("service wildcards on named ARNs grant only what those ARNs can be", () => {
    const result = grants({ Effect: "Allow", Action: ["s3:*", "dynamodb:*"], Resource: ["arn:aws:s3:::bucket", TABLE] });
    expect(actions(result)).toEqual(expect.arrayContaining(["s3:ListBucket", "s3:PutBucketPolicy", "dynamodb:GetItem", "dynamodb:DescribeTable"]));
    for (const absent of ["s3:CreateAccessPoint", "s3:GetObject", "dynamodb:ListTables", "dynamodb:DescribeBackup", "dynamodb:GetRecords"]) {
      expect(actions(result)).not.toContain(absent);
    }
    // Each keeps only the values that can name it.
    expect(grantOf(result, "s3:ListBucket")?.resources).toEqual(["arn:aws:s3:::bucket"]);
    expect(grantOf(result, "dynamodb:GetItem")?.resources).toEqual([TABLE]);
  });

  it("a statement of both bucket and objects gives ListBucket the bucket alone, as generate writes it", () => {
    const result = grants({ Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] });
    expect(result).toEqual([
      { action: "s3:GetObject", resources: ["arn:aws:s3:::b/*"], conditional: false, conditionallyDenied: [] },
      { action: "s3:ListBucket", resources: ["arn:aws:s3:::b"], conditional: false, conditionallyDenied: [] },
    ]);
  });

  it("'*' and wildcards that run past the resource type still grant", () => {
    expect(actions(grants({ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }))).toEqual(["s3:ListAllMyBuckets"]);
    expect(actions(grants({ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*" }))).toEqual([]);
    expect(actions(grants({ Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: "arn:aws:s3:::b*" }))).toEqual(["s3:GetObject", "s3:ListBucket"]);
    expect(actions(grants({ Effect: "Allow", Action: "dynamodb:Query", Resource: "arn:aws:dynamodb:*:*:table/orders/index/*" }))).toEqual(["dynamodb:Query"]);
  });

  it("reads NotAction as every action but those, and NotResource as everything but those", async () => {
    const all = { names: await loadActionNames(), catalog: await loadIamCatalog() };
    const result = currentGrants([parsePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: ["iam:*", "s3:*", "dynamodb:*", "kms:*", "sts:*"], NotResource: ["arn:aws:sqs:us-east-1:1:b", "arn:aws:sqs:us-east-1:1:a"] }] })], all.names, all.catalog);
    expect(actions(result)).not.toContain("iam:PassRole");
    expect(grantOf(result, "sqs:SendMessage")).toEqual({ action: "sqs:SendMessage", resources: ["* except arn:aws:sqs:us-east-1:1:a, arn:aws:sqs:us-east-1:1:b"], conditional: false, conditionallyDenied: [] });
    // A NotResource that covers every queue leaves nothing of a queue action.
    expect(actions(grants({ Effect: "Allow", Action: "sqs:SendMessage", NotResource: "arn:aws:sqs:*" }))).toEqual([]);
  });
});

describe("currentGrants: every Deny honoured", () => {
  it("drops what an unconditional Deny covers, and keeps what a narrower one leaves", () => {
    const result = grants(
      { Effect: "Allow", Action: ["iam:*", "s3:GetObject", "s3:PutObject"], Resource: "*" },
      { Effect: "Deny", Action: "iam:*", Resource: "*" },
      { Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
    );
    expect(actions(result)).toEqual(["s3:GetObject", "s3:PutObject"]);
  });

  it("a Deny on every ARN of the role's partition covers '*' for actions that name resources", () => {
    const allow = { Effect: "Allow", Action: ["s3:GetObject", "s3:ListAllMyBuckets"], Resource: "*" };
    const result = grants(allow, { Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:*:*:accesspoint/*"] });
    expect(actions(result)).toEqual(["s3:ListAllMyBuckets"]);
    // An object read through an access point has a region and account in its ARN: arn:aws:s3:::* does not cover it.
    const bucketsOnly = grants(allow, { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::*" });
    expect(grantOf(bucketsOnly, "s3:GetObject")?.resources).toEqual(["*"]);
  });

  it("a boundary-like NotResource Deny leaves only its exceptions, written as the Deny writes them", () => {
    const result = grants(
      { Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" },
      { Sid: "OnlyOurBucket", Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::ours", "arn:aws:s3:::ours/*"] },
    );
    expect(grantOf(result, "s3:GetObject")?.resources).toEqual(["arn:aws:s3:::ours/*"]);
    expect(grantOf(result, "s3:ListBucket")?.resources).toEqual(["arn:aws:s3:::ours"]);
    expect(actions(result)).not.toContain("s3:ListAllMyBuckets"); // "*" is not one of the exceptions
    expect(actions(result)).not.toContain("s3:CreateAccessPoint");
    expect(grantOf(result, "sqs:SendMessage")?.resources).toEqual(["*"]);
  });

  it("a NotAction Deny refuses everything it does not list", () => {
    const result = grants({ Effect: "Allow", Action: ["sqs:*", "s3:GetObject", "s3:PutObject"], Resource: "*" }, { Effect: "Deny", NotAction: ["sqs:*", "s3:GetObject"], Resource: "*" });
    expect(actions(result)).toContain("s3:GetObject");
    expect(actions(result)).not.toContain("s3:PutObject");
  });

  it("a Deny under a Condition tighten cannot decide marks the grant, with the condition, instead of vanishing", () => {
    const result = grants(
      { Effect: "Allow", Action: ["s3:GetObject", "sqs:SendMessage"], Resource: "*" },
      { Sid: "OnlyEu", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } },
      { Sid: "VpcOnly", Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } },
    );
    expect(grantOf(result, "s3:GetObject")?.conditionallyDenied).toEqual([
      { statement: "OnlyEu", condition: "StringNotEquals aws:RequestedRegion eu-west-1, eu-central-1" },
      { statement: "VpcOnly", condition: "StringNotEquals aws:SourceVpc vpc-1" },
    ]);
    expect(grantOf(result, "sqs:SendMessage")?.conditionallyDenied).toEqual([{ statement: "OnlyEu", condition: "StringNotEquals aws:RequestedRegion eu-west-1, eu-central-1" }]);
  });

  it("decides a Condition on the principal's own account or ARN", () => {
    const allow = { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" };
    const ours = { Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333" } } };
    const theirs = { Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "444455556666" } } };
    expect(grants(allow, ours)).toEqual([]);
    expect(grants(allow, theirs)).toEqual([{ action: "sqs:SendMessage", resources: ["*"], conditional: false, conditionallyDenied: [] }]);
    const notUs = { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/other-*" } } };
    expect(grants(notUs)).toEqual([]);
  });

  it("marks a grant conditional only when every statement granting it has a Condition", () => {
    const condition = { StringEquals: { "aws:RequestedRegion": "eu-west-1" } };
    const result = grants(
      { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*", Condition: condition },
      { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:1:q" },
    );
    expect(result).toEqual([
      { action: "sqs:ReceiveMessage", resources: ["*", "arn:aws:sqs:us-east-1:1:q"], conditional: false, conditionallyDenied: [] },
      { action: "sqs:SendMessage", resources: ["*"], conditional: true, conditionallyDenied: [] },
    ]);
  });
});

describe("servicesNamedBy", () => {
  it("names the services to load, or all of them for '*' and NotAction", () => {
    const policy = (statement: object) => [parsePolicy({ Version: "2012-10-17", Statement: [statement] })];
    expect(servicesNamedBy(policy({ Effect: "Allow", Action: ["S3:Get*", "iam:PassRole"], Resource: "*" }))).toEqual(["iam", "s3"]);
    expect(servicesNamedBy(policy({ Effect: "Allow", Action: "*", Resource: "*" }))).toBeUndefined();
    expect(servicesNamedBy(policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))).toBeUndefined();
  });

  it("iam:* is every IAM action that '*' can name, each in iam-data's casing", () => {
    const iam = grants({ Effect: "Allow", Action: "IAM:*", Resource: "*" });
    expect(iam.length).toBeGreaterThan(100);
    expect(actions(iam)).toContain("iam:PassRole");
    expect(iam.every((grant) => grant.action.startsWith("iam:"))).toBe(true);
  });
});
