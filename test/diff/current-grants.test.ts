import { describe, expect, it } from "vitest";
import { currentGrants, servicesNamedBy } from "../../src/diff/current-grants.js";
import { createActionNames, loadActionNames } from "../../src/policy/action-names.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";

const names = createActionNames(
  new Map([
    ["s3", ["GetObject", "PutObject", "ListBucket", "DeleteObject"]],
    ["iam", ["PassRole", "GetRole", "CreateRole"]],
    ["sqs", ["SendMessage", "ReceiveMessage"]],
  ]),
);

function grants(...statements: object[]) {
  return currentGrants([parsePolicy({ Version: "2012-10-17", Statement: statements })], names);
}

describe("currentGrants", () => {
  it("expands wildcards against iam-data's names and keeps each Allow's resources", () => {
    expect(
      grants(
        { Effect: "Allow", Action: "s3:*Object", Resource: "arn:aws:s3:::b/*" },
        { Effect: "Allow", Action: ["s3:GetObject", "iam:Get*"], Resource: ["*"] },
      ),
    ).toEqual([
      { action: "iam:GetRole", resources: ["*"], conditional: false },
      { action: "s3:DeleteObject", resources: ["arn:aws:s3:::b/*"], conditional: false },
      { action: "s3:GetObject", resources: ["*", "arn:aws:s3:::b/*"], conditional: false },
      { action: "s3:PutObject", resources: ["arn:aws:s3:::b/*"], conditional: false },
    ]);
  });

  it("reads NotAction as every action but those, and NotResource as everything but those", () => {
    const result = grants({ Effect: "Allow", NotAction: ["iam:*", "s3:*"], NotResource: ["arn:aws:sqs:us-east-1:1:b", "arn:aws:sqs:us-east-1:1:a"] });
    expect(result).toEqual([
      { action: "sqs:ReceiveMessage", resources: ["* except arn:aws:sqs:us-east-1:1:a, arn:aws:sqs:us-east-1:1:b"], conditional: false },
      { action: "sqs:SendMessage", resources: ["* except arn:aws:sqs:us-east-1:1:a, arn:aws:sqs:us-east-1:1:b"], conditional: false },
    ]);
  });

  it("drops what an unconditional Deny on every resource refuses, and keeps what a narrower or conditional Deny leaves", () => {
    const result = grants(
      { Effect: "Allow", Action: ["iam:*", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "*" },
      { Effect: "Deny", Action: "iam:*", Resource: "*" },
      { Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
      { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
    );
    expect(result.map((grant) => grant.action)).toEqual(["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
  });

  it("a Deny with NotAction refuses everything it does not list", () => {
    const result = grants(
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Deny", NotAction: ["sqs:*", "s3:GetObject"], Resource: "*" },
    );
    expect(result.map((grant) => grant.action)).toEqual(["s3:GetObject", "sqs:ReceiveMessage", "sqs:SendMessage"]);
  });

  it("marks a grant conditional only when every statement granting it has a Condition", () => {
    const condition = { StringEquals: { "aws:RequestedRegion": "eu-west-1" } };
    const result = grants(
      { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*", Condition: condition },
      { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:1:q" },
    );
    expect(result).toEqual([
      { action: "sqs:ReceiveMessage", resources: ["*", "arn:aws:sqs:us-east-1:1:q"], conditional: false },
      { action: "sqs:SendMessage", resources: ["*"], conditional: true },
    ]);
  });

  it("names the services to load, or all of them for '*' and NotAction", async () => {
    const policy = (statement: object) => [parsePolicy({ Version: "2012-10-17", Statement: [statement] })];
    expect(servicesNamedBy(policy({ Effect: "Allow", Action: ["S3:Get*", "iam:PassRole"], Resource: "*" }))).toEqual(["iam", "s3"]);
    expect(servicesNamedBy(policy({ Effect: "Allow", Action: "*", Resource: "*" }))).toBeUndefined();
    expect(servicesNamedBy(policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))).toBeUndefined();
    // With iam-data itself: iam:* is every IAM action, each in iam-data's casing.
    const iam = currentGrants(policy({ Effect: "Allow", Action: "IAM:*", Resource: "*" }), await loadActionNames(["iam"]));
    expect(iam.length).toBeGreaterThan(100);
    expect(iam.map((grant) => grant.action)).toContain("iam:PassRole");
    expect(iam.every((grant) => grant.action.startsWith("iam:"))).toBe(true);
  });
});
