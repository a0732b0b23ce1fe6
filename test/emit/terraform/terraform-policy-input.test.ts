import { describe, expect, it } from "vitest";
import { TerraformInputError } from "../../../src/emit/terraform/terraform-input-error.js";
import { escapeExpressionsInJsonStrings, parsePolicyJson } from "../../../src/emit/terraform/terraform-json-parse.js";
import { readStatements } from "../../../src/emit/terraform/terraform-policy-input.js";

function errorOf(json: unknown): string {
  try {
    readStatements(json);
  } catch (error) {
    expect(error).toBeInstanceOf(TerraformInputError);
    return (error as Error).message;
  }
  throw new Error("no error");
}

const statement = (extra: Record<string, unknown>) => ({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...extra }] });

describe("readStatements: any policy JSON, or an error naming where it is wrong", () => {
  it("reads one statement object or a list, keeping document order and empty lists", () => {
    expect(readStatements({ Statement: { Sid: "", Action: [], NotResource: "r", Condition: { B: { k: [true, 5] } }, Principal: "*" } })).toEqual([
      {
        effect: "",
        actions: [],
        notResources: ["r"],
        conditions: [{ test: "B", variable: "k", values: ["true", "5"] }],
        principals: [{ type: "*", identifiers: ["*"] }],
        notPrincipals: [],
      },
    ]);
  });

  it.each([
    [[], "expected a policy document (a JSON object), got a list"],
    ["policy", "expected a policy document (a JSON object), got a string"],
    [{ Statement: 5 }, "Statement: expected a statement object, got the number 5"],
    [{ Statement: ["x"] }, "Statement[0]: expected a statement object, got a string"],
    [statement({ Resources: "*" }), 'Statement[0]: unknown element "Resources"; a statement holds Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition'],
    [statement({ Action: ["s3:GetObject", 5] }), "Statement[0].Action[1]: expected a string, got the number 5"],
    [statement({ Effect: true }), "Statement[0].Effect: expected a string, got the boolean true"],
    [statement({ Resource: [{ "Fn::Sub": "arn:${AWS::Partition}:s3:::b" }] }), "Statement[0].Resource[0]: expected a string, got an object (the CloudFormation function Fn::Sub, which Terraform cannot evaluate)"],
    [statement({ Principal: "arn:aws:iam::1:root" }), 'Statement[0].Principal: a principal given as a string must be "*"; name others as {"AWS": ...}, {"Service": ...}'],
    [statement({ Condition: { StringEquals: "x" } }), "Statement[0].Condition.StringEquals: expected an object, got a string"],
    [statement({ Condition: { StringEquals: { k: { a: 1 } } } }), "Statement[0].Condition.StringEquals.k: expected a string, number or boolean, got an object"],
    [statement({ Condition: { NumericEquals: { k: [12345678901234567890] } } }), "Statement[0].Condition.NumericEquals.k[0]: the number 12345678901234567000 cannot be represented exactly; write it as a string"],
    [{ PolicyVersion: { Document: { Statement: [] } } }, 'no "Statement" at the top level, but a policy sits under PolicyVersion.Document: convert that object'],
    [{ Resources: { R: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { Statement: [] } } } } }, 'no "Statement" at the top level: this looks like a CloudFormation snippet, with a policy under Resources.R.Properties.PolicyDocument; CloudFormation is not supported, convert a plain policy document'],
  ])("%j", (json, message) => {
    expect(errorOf(json)).toBe(message);
  });

  it("writes numbers IAM compares as strings the way JSON wrote them", () => {
    const [read] = readStatements(statement({ Condition: { NumericLessThan: { "s3:max-keys": [10, 1.5, -0] } } }));
    expect(read?.conditions[0]?.values).toEqual(["10", "1.5", "0"]);
  });
});

describe("parsePolicyJson", () => {
  it("takes strict JSON as JSON, so an escaped quote inside ${...} means a quote", () => {
    expect(parsePolicyJson('{"a": "${join(\\":\\", x)}"}')).toEqual({ a: '${join(":", x)}' });
  });

  it("accepts Terraform expressions written with raw quotes, as the converter does", () => {
    expect(parsePolicyJson('{"a": ["x/${join("/", ["a${lower("B")}"])}", "y"]}')).toEqual({ a: ['x/${join("/", ["a${lower("B")}"])}', "y"] });
    expect(escapeExpressionsInJsonStrings('{"${a}": "${f("\\\\")}"}')).toBe('{"${a}": "${f(\\"\\\\\\\\\\")}"}');
  });

  it("reports the strict error when neither reading works", () => {
    expect(() => parsePolicyJson('{"a": 1,}')).toThrow(/^not valid JSON: /);
    expect(() => parsePolicyJson("")).toThrow("not valid JSON: unexpected end of JSON input");
    expect(() => parsePolicyJson('{"a": "${x}"')).toThrow("not valid JSON: unexpected end of JSON input");
  });
});
