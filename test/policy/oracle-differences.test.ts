import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/evaluate.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import { simulate } from "./oracle-requests.js";

/**
 * Where our evaluator and iam-simulate knowingly disagree, each with the reason we keep our answer.
 * The oracle test's generators avoid these cases; these tests pin both answers, so that a change
 * on either side shows up here.
 */
const TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
const GET_ITEM = { action: "dynamodb:GetItem", resource: TABLE };

async function both(statement: object, request: { action: string; resource: string }, variables: Record<string, string> = {}, version: string | null = "2012-10-17") {
  const document = { ...(version === null ? {} : { Version: version }), Statement: [statement] };
  return {
    ours: evaluate([parsePolicy(document)], { ...request, context: variables }).decision,
    theirs: await simulate([document], request, variables),
  };
}

describe("documented differences from iam-simulate", () => {
  it("a wildcard before the first / or : of the resource part: AWS allows wildcards anywhere in a segment; iam-simulate needs that 'product' prefix literally", async () => {
    expect(await both({ Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-east-1:111122223333:tab*/orders" }, GET_ITEM)).toEqual({
      ours: "allowed",
      theirs: "ImplicitlyDenied",
    });
  });

  it("a variable in a resource part with no / or : before it: iam-simulate splits at the ':' inside ${aws:username}", async () => {
    const queue = { action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:q-alice" };
    const statement = { Effect: "Allow", Action: "sqs:*", Resource: "arn:aws:sqs:us-east-1:111122223333:q-${aws:username}" };
    expect(await both(statement, queue, { "aws:username": "alice" })).toEqual({ ours: "allowed", theirs: "ImplicitlyDenied" });
  });

  it("partition, service, region and account: iam-simulate ignores case; we keep ARNs case-sensitive throughout", async () => {
    expect(await both({ Effect: "Allow", Action: "dynamodb:*", Resource: TABLE.replace("us-east-1", "US-EAST-1") }, GET_ITEM)).toEqual({
      ours: "denied",
      theirs: "Allowed",
    });
  });

  it("a short ARN without a trailing '*': iam-simulate pads it with '*' segments; AWS documents only a trailing '*' running past colons", async () => {
    expect(await both({ Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb" }, GET_ITEM)).toEqual({
      ours: "denied",
      theirs: "Allowed",
    });
  });

  it("a short ARN in NotResource: iam-simulate never applies the statement; the request is outside the listed resources, so we do", async () => {
    const statement = { Effect: "Allow", Action: "dynamodb:*", NotResource: "arn:aws:s3:*" };
    expect(await both(statement, GET_ITEM)).toEqual({ ours: "allowed", theirs: "ImplicitlyDenied" });
  });

  it("variables in a 2008-10-17 policy, or one without Version: IAM reads them as text; iam-simulate resolves them", async () => {
    const statement = { Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/${aws:username}" };
    expect(await both(statement, GET_ITEM, { "aws:username": "orders" }, "2008-10-17")).toEqual({ ours: "denied", theirs: "Allowed" });
    expect(await both(statement, GET_ITEM, { "aws:username": "orders" }, null)).toEqual({ ours: "denied", theirs: "Allowed" });
  });
});
