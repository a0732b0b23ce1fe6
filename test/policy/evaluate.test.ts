import { describe, expect, it } from "vitest";
import { evaluate, statementLabel, type EvaluationRequest } from "../../src/policy/evaluate.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";

const policy = (...Statement: object[]) => parsePolicy({ Version: "2012-10-17", Statement });
const GET = { action: "s3:GetObject", resource: "arn:aws:s3:::data/reports/q1.csv" } satisfies EvaluationRequest;
const decision = (request: EvaluationRequest, ...statements: object[]) => evaluate([policy(...statements)], request).decision;

describe("evaluate", () => {
  it("denies implicitly without an Allow, and allows with one", () => {
    expect(evaluate([], GET)).toEqual({ decision: "denied", statements: [] });
    const result = evaluate([policy({ Sid: "Read", Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::data/*" })], GET);
    expect(result).toEqual({
      decision: "allowed",
      statements: [{ policy: 0, statement: 0, sid: "Read", effect: "Allow", conditional: false }],
    });
  });

  it("lets an explicit Deny win over any Allow, across policies", () => {
    const allow = policy({ Effect: "Allow", Action: "*", Resource: "*" });
    const deny = policy({ Effect: "Allow", Action: "sqs:*", Resource: "*" }, { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/reports/*" });
    const result = evaluate([allow, deny], GET);
    expect(result.decision).toBe("explicitly-denied");
    expect(result.statements.map(statementLabel)).toEqual(["policy 2 statement 2"]);
  });

  it("reads NotAction and NotResource as everything but the listed", () => {
    expect(decision(GET, { Effect: "Allow", NotAction: "s3:PutObject", Resource: "*" })).toBe("allowed");
    expect(decision(GET, { Effect: "Allow", NotAction: "s3:Get*", Resource: "*" })).toBe("denied");
    expect(decision(GET, { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*" })).toBe("allowed");
    expect(decision(GET, { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::data/*" })).toBe("denied");
    expect(
      decision(GET, { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", NotResource: "arn:aws:s3:::secret/*" }),
    ).toBe("explicitly-denied");
  });

  it("never assumes a condition: a conditional Allow, or a conditional Deny next to an Allow, allows conditionally", () => {
    const onlyFromVpc = { StringEquals: { "aws:SourceVpc": "vpc-1" } };
    const conditionalAllow = evaluate([policy({ Sid: "Vpc", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: onlyFromVpc })], GET);
    expect(conditionalAllow).toEqual({
      decision: "conditionally-allowed",
      statements: [{ policy: 0, statement: 0, sid: "Vpc", effect: "Allow", conditional: true }],
    });
    expect(
      decision(GET, { Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: onlyFromVpc }),
    ).toBe("conditionally-allowed");
    // A conditional Deny alone still leaves the request without an Allow.
    expect(decision(GET, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: onlyFromVpc })).toBe("denied");
    // An unconditional Deny decides whatever the conditions say.
    expect(
      decision(GET, { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: onlyFromVpc }, { Effect: "Deny", Action: "s3:GetObject", Resource: "*" }),
    ).toBe("explicitly-denied");
  });

  it("authorizes an action without resource-level permissions only through Resource \"*\"", () => {
    const list = { action: "s3:ListAllMyBuckets", resource: "*" };
    expect(decision(list, { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::*" })).toBe("denied");
    expect(decision(list, { Effect: "Allow", Action: "s3:*", Resource: "*" })).toBe("allowed");
    expect(decision(list, { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::data" })).toBe("allowed");
    expect(decision(list, { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "arn:aws:s3:::*" })).toBe("allowed");
  });

  it("allows a generalized call only when every resource it stands for is allowed, and denies it if any may be denied", () => {
    const folder = { action: "s3:GetObject", resource: "arn:aws:s3:::data/reports/*" };
    expect(decision(folder, { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/reports/*" })).toBe("allowed");
    expect(decision(folder, { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/reports/2026/*" })).toBe("denied");
    expect(
      decision(folder, { Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::data/reports/private/*" }),
    ).toBe("explicitly-denied");
  });

  it("resolves policy variables from the request, and without a value names nothing", () => {
    const home = { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::data/${aws:username}/*" };
    const mine = { action: "s3:GetObject", resource: "arn:aws:s3:::data/alice/a.txt" };
    expect(decision({ ...mine, context: { "aws:username": "alice" } }, home)).toBe("allowed");
    expect(decision(mine, home)).toBe("denied");
    // In NotResource, an unresolvable value leaves the statement undecidable: it does not apply.
    expect(decision(mine, { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::data/${aws:username}/*" })).toBe("denied");
  });
});

describe("evaluate, a pattern read for any one of its resources", () => {
  const FOLDER = { action: "s3:GetObject", resource: "arn:aws:s3:::data/reports/*" } satisfies EvaluationRequest;
  const allow = (Resource: string) => ({ Effect: "Allow", Action: "s3:GetObject", Resource });
  const any = { ...FOLDER, reading: "any" } as const;

  it("allows when an Allow reaches part of the pattern, which read for every resource it does not", () => {
    expect(decision(FOLDER, allow("arn:aws:s3:::data/reports/q1*"))).toBe("denied");
    expect(decision(any, allow("arn:aws:s3:::data/reports/q1*"))).toBe("allowed");
  });

  it("refuses only when no Allow reaches any resource of it, or a Deny covers all of it", () => {
    expect(decision(any, allow("arn:aws:s3:::data/exports/*"))).toBe("denied");
    expect(decision(any, allow("arn:aws:s3:::data/*"), { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::data/reports/q1*" })).toBe("allowed");
    expect(decision(any, allow("arn:aws:s3:::data/*"), { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::data/*" })).toBe("explicitly-denied");
  });

  it("reads NotResource the same way", () => {
    const notResource = (Effect: string, NotResource: string) => ({ Effect, Action: "s3:GetObject", NotResource });
    expect(decision(any, notResource("Allow", "arn:aws:s3:::data/reports/q1*"))).toBe("allowed");
    expect(decision(any, notResource("Allow", "arn:aws:s3:::data/*"))).toBe("denied");
    expect(decision(any, allow("*"), notResource("Deny", "arn:aws:s3:::data/reports/q1*"))).toBe("allowed");
    expect(decision(any, allow("*"), notResource("Deny", "arn:aws:s3:::other/*"))).toBe("explicitly-denied");
  });
});
