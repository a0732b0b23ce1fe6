import { describe, expect, it } from "vitest";
import { evaluateConditions } from "../../src/policy/condition-match.js";

const VIA_S3 = { "kms:ViaService": "s3.eu-west-1.amazonaws.com" };
const decide = (conditions: Record<string, Record<string, string[]>>, context: Record<string, string> = VIA_S3) =>
  evaluateConditions(conditions, context, "2012-10-17");

describe("evaluateConditions", () => {
  it("is true without conditions", () => {
    expect(decide({})).toBe(true);
  });

  it.each([
    [{ StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } }, true],
    [{ StringEquals: { "KMS:VIASERVICE": ["sqs.eu-west-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"] } }, true], // keys ignore case; values are alternatives
    [{ StringEquals: { "kms:ViaService": ["S3.eu-west-1.amazonaws.com"] } }, false], // values do not
    [{ StringEqualsIgnoreCase: { "kms:ViaService": ["S3.EU-WEST-1.amazonaws.com"] } }, true],
    [{ StringNotEquals: { "kms:ViaService": ["sqs.eu-west-1.amazonaws.com"] } }, true],
    [{ StringNotEqualsIgnoreCase: { "kms:ViaService": ["S3.EU-WEST-1.AMAZONAWS.COM"] } }, false],
    [{ StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] } }, true],
    [{ StringLike: { "kms:ViaService": ["s?.eu-west-1.amazonaws.com"] } }, true],
    [{ StringNotLike: { "kms:ViaService": ["s3.*"] } }, false],
    [{ StringEqualsIfExists: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } }, true],
    [{ StringEquals: { "kms:ViaService": ["s3.*"] } }, false], // "*" is a character in StringEquals
  ])("%j with kms:ViaService = s3.eu-west-1.amazonaws.com: %s", (conditions, expected) => {
    expect(decide(conditions)).toBe(expected);
  });

  it("cannot decide a key the context does not hold, or an operator it does not evaluate", () => {
    expect(decide({ StringEquals: { "aws:SourceVpc": ["vpc-1"] } })).toBe("unknown");
    expect(decide({ ArnLike: { "kms:ViaService": ["*"] } })).toBe("unknown");
    expect(decide({ "ForAnyValue:StringEquals": { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } })).toBe("unknown");
    expect(decide({ Null: { "kms:ViaService": ["false"] } })).toBe("unknown");
  });

  it("lets one failing condition decide, whatever the unknown ones would say", () => {
    expect(decide({ StringEquals: { "aws:SourceVpc": ["vpc-1"], "kms:ViaService": ["sqs.eu-west-1.amazonaws.com"] } })).toBe(false);
    expect(decide({ Bool: { "aws:SecureTransport": ["true"] }, StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } })).toBe("unknown");
  });

  it("resolves variables in values from the same context; an unresolved one matches nothing and fails a negated operator", () => {
    const context = { "aws:PrincipalTag/team": "payments", "aws:username": "payments" };
    expect(decide({ StringEquals: { "aws:PrincipalTag/team": ["${aws:username}"] } }, context)).toBe(true);
    expect(decide({ StringEquals: { "aws:PrincipalTag/team": ["${aws:userid}", "payments"] } }, context)).toBe(true);
    expect(decide({ StringNotEquals: { "aws:PrincipalTag/team": ["${aws:userid}", "orders"] } }, context)).toBe(false);
    expect(evaluateConditions({ StringEquals: { "aws:PrincipalTag/team": ["${aws:username}"] } }, context, "2008-10-17")).toBe(false);
  });
});
