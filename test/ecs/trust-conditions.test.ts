import { describe, expect, it } from "vitest";
import { checkTrustConditions } from "../../src/ecs/trust-conditions.js";

const ECS = { Service: "ecs-tasks.amazonaws.com" };
const trust = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const allow = (extra: object = {}) => ({ Effect: "Allow", Principal: ECS, Action: "sts:AssumeRole", ...extra });

describe("checkTrustConditions", () => {
  it("accepts the trust policy of AWS's confused-deputy guidance", () => {
    const document = trust(
      allow({
        Condition: {
          ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:111122223333:*" },
          StringEquals: { "aws:SourceAccount": "111122223333" },
        },
      }),
    );
    expect(checkTrustConditions(document)).toEqual({ kind: "conditioned", keys: ["aws:SourceAccount", "aws:SourceArn"] });
  });

  it("flags the trust policy most ECS roles have: ecs-tasks.amazonaws.com and nothing else", () => {
    expect(checkTrustConditions(trust(allow()))).toEqual({ kind: "unconditioned", statements: ["statement 1"] });
    expect(checkTrustConditions(trust(allow({ Sid: "EcsTasks" })))).toEqual({ kind: "unconditioned", statements: ["EcsTasks"] });
  });

  it("takes any of the four operators, and the key in any case", () => {
    for (const operator of ["StringEquals", "StringLike", "ArnEquals", "ArnLike"]) {
      for (const key of ["aws:SourceAccount", "AWS:SOURCEARN", "aws:sourceaccount"]) {
        expect(checkTrustConditions(trust(allow({ Condition: { [operator]: { [key]: "111122223333" } } }))).kind, `${operator} ${key}`).toBe("conditioned");
      }
    }
    expect(checkTrustConditions(trust(allow({ Condition: { StringEquals: { "aws:SourceAccount": ["111122223333", "444455556666"] } } })))).toEqual({
      kind: "conditioned",
      keys: ["aws:SourceAccount"],
    });
  });

  it("does not count conditions that pin nothing: other keys, IfExists, set operators, negations, bare wildcards", () => {
    const unpinned = [
      { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
      { StringEqualsIfExists: { "aws:SourceAccount": "111122223333" } },
      { "ForAnyValue:StringEquals": { "aws:SourceAccount": "111122223333" } },
      { StringNotEquals: { "aws:SourceAccount": "444455556666" } },
      { StringLike: { "aws:SourceAccount": "*" } },
      { ArnLike: { "aws:SourceArn": ["*", "?*"] } },
      { StringEquals: { "aws:SourceAccount": [] } },
      { stringequals: { "aws:SourceAccount": "111122223333" } },
    ];
    for (const condition of unpinned) {
      expect(checkTrustConditions(trust(allow({ Condition: condition }))).kind, JSON.stringify(condition)).toBe("unconditioned");
    }
  });

  it("needs every statement that trusts ecs-tasks.amazonaws.com to carry a condition", () => {
    const document = trust(allow({ Sid: "Pinned", Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }), allow({ Action: ["sts:AssumeRole", "sts:TagSession"] }));
    expect(checkTrustConditions(document)).toEqual({ kind: "unconditioned", statements: ["statement 2"] });
  });

  it("reads the Principal and Action forms IAM allows", () => {
    const forms = [
      allow({ Principal: { Service: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"] } }),
      allow({ Action: "sts:*" }),
      allow({ Action: "STS:AssumeRole" }),
      allow({ Action: ["sts:Assume*"] }),
      allow({ Action: undefined, NotAction: "sts:TagSession" }),
    ];
    for (const statement of forms) expect(checkTrustConditions(trust(statement)).kind, JSON.stringify(statement)).toBe("unconditioned");
    // A single statement object instead of an array.
    expect(checkTrustConditions({ Version: "2012-10-17", Statement: allow() }).kind).toBe("unconditioned");
  });

  it("says so when ECS cannot assume the role at all", () => {
    expect(checkTrustConditions(trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }))).toEqual({ kind: "no-ecs-tasks" });
    expect(checkTrustConditions(trust({ Effect: "Deny", Principal: ECS, Action: "sts:AssumeRole" }))).toEqual({ kind: "no-ecs-tasks" });
    expect(checkTrustConditions(trust(allow({ Action: "sts:TagSession" })))).toEqual({ kind: "no-ecs-tasks" });
    expect(checkTrustConditions(trust({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }))).toEqual({ kind: "no-ecs-tasks" });
    expect(checkTrustConditions({})).toEqual({ kind: "no-ecs-tasks" });
    expect(checkTrustConditions(null)).toEqual({ kind: "no-ecs-tasks" });
  });
});
