import { describe, expect, it } from "vitest";
import { parsePolicy, PolicyParseError } from "../../src/policy/parse-policy.js";

describe("parsePolicy", () => {
  it("turns the string and single-statement forms into lists", () => {
    const policy = parsePolicy({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
    });
    expect(policy).toEqual({
      version: "2012-10-17",
      statements: [
        {
          sid: null,
          effect: "Allow",
          actions: ["s3:GetObject"],
          actionsExcluded: false,
          resources: ["arn:aws:s3:::b/*"],
          resourcesExcluded: false,
          conditions: {},
        },
      ],
    });
  });

  it("reads JSON text, NotAction/NotResource, and condition values of any scalar type as strings", () => {
    const policy = parsePolicy(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecure",
            Effect: "Deny",
            NotAction: ["iam:*", "sts:*"],
            NotResource: "arn:aws:s3:::logs/*",
            Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:max-keys": [10, "20"] } },
          },
        ],
      }),
    );
    expect(policy.statements[0]).toMatchObject({
      sid: "DenyInsecure",
      actions: ["iam:*", "sts:*"],
      actionsExcluded: true,
      resources: ["arn:aws:s3:::logs/*"],
      resourcesExcluded: true,
      conditions: { Bool: { "aws:SecureTransport": ["false"] }, NumericLessThan: { "s3:max-keys": ["10", "20"] } },
    });
  });

  it("reads a document without Version as 2008-10-17, as IAM does", () => {
    expect(parsePolicy({ Statement: [] }).version).toBe("2008-10-17");
  });

  it("unwraps aws iam get-role-policy and get-policy-version output, URL-encoded or not", () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] };
    expect(parsePolicy({ RoleName: "r", PolicyName: "p", PolicyDocument: document }).statements).toHaveLength(1);
    expect(parsePolicy({ PolicyDocument: encodeURIComponent(JSON.stringify(document)) }).statements).toHaveLength(1);
    expect(parsePolicy({ PolicyVersion: { Document: document, VersionId: "v1" } }).statements).toHaveLength(1);
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["a list", [], /expected a JSON object/],
    ["no Statement", { Version: "2012-10-17" }, /no Statement/],
    ["a bad Version", { Version: "2012-10-18", Statement: [] }, /Version must be/],
    ["a bad Effect", { Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] }, /Statement\[0\]\.Effect must be "Allow" or "Deny"/],
    ["both Action and NotAction", { Statement: { Effect: "Allow", Action: "*", NotAction: "s3:*", Resource: "*" } }, /Statement needs exactly one of Action and NotAction/],
    ["no Resource", { Statement: [{ Effect: "Allow", Action: "*" }] }, /exactly one of Resource and NotResource/],
    ["a wildcard in the service", { Statement: [{ Effect: "Allow", Action: "s*:Get*", Resource: "*" }] }, /"s\*:Get\*" is not "\*" or service:action/],
    ["an action list with a number", { Statement: [{ Effect: "Allow", Action: ["s3:GetObject", 3], Resource: "*" }] }, /Action must be a string or a list of strings/],
    ["an empty Resource list", { Statement: [{ Effect: "Allow", Action: "*", Resource: [] }] }, /Resource is empty/],
    ["a typo", { Statement: [{ Effect: "Allow", Actions: "*", Resource: "*" }] }, /unknown element Actions/],
    ["a Principal", { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }, /resource-based policy/],
    ["a condition that is not an object", { Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: "x" } }] }, /Condition\.Bool is not an object/],
  ])("refuses %s with the element at fault", (_, input, message) => {
    expect(() => parsePolicy(input)).toThrow(PolicyParseError);
    expect(() => parsePolicy(input)).toThrow(message);
  });
});
