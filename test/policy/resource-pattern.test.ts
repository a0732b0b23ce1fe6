import { describe, expect, it } from "vitest";
import { patternCoverage, resourcePattern, resourceSet } from "../../src/policy/resource-pattern.js";

const coverage = (pattern: string, resource: string, variables = {}, version = true) =>
  patternCoverage(resourcePattern(pattern, { variables: version }), resourceSet(resource), variables);

const OBJECT = "arn:aws:s3:::payments/receipts/2026/11/a.pdf";
const TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";

describe("patternCoverage against one resource", () => {
  it.each([
    ["*", OBJECT, "all"],
    ["arn:aws:s3:::payments/*", OBJECT, "all"],
    ["arn:aws:s3:::payments/receipts/????/11/*", OBJECT, "all"],
    ["arn:aws:s3:::payments", OBJECT, "none"],
    ["arn:aws:s3:::Payments/*", OBJECT, "none"], // ARNs are case-sensitive
    ["arn:aws:dynamodb:*:111122223333:table/orders", TABLE, "all"],
    ["arn:aws:dynamodb:us-east-1:*:table/*", TABLE, "all"],
    ["arn:aws:dynamodb:us-*:111122223333:table/orders", TABLE, "all"],
    // A "*" inside the region stays in the region: it cannot reach into the account.
    ["arn:aws:dynamodb:us-east-1*:table/orders", TABLE, "none"],
    ["arn:aws:dynamodb:us-east-1:111122223333:table/orders/*", TABLE, "none"],
    // A short ARN ending in "*" runs on to the end; without the "*" it names nothing.
    ["arn:aws:dynamodb:*", TABLE, "all"],
    ["arn:aws:dynamo*", TABLE, "all"],
    ["arn:aws:dynamodb:us-east-1:111122223333", TABLE, "none"],
    // The resource part keeps its colons: "*" there crosses them.
    ["arn:aws:logs:us-east-1:1:log-group:/ecs/app:*", "arn:aws:logs:us-east-1:1:log-group:/ecs/app:log-stream:web/1", "all"],
    ["arn:aws:s3:::payments/*", "*", "none"], // an action without resource-level permissions
    ["*", "*", "all"],
  ])("%s for %s: %s", (pattern, resource, expected) => {
    expect(coverage(pattern, resource)).toBe(expected);
  });
});

describe("patternCoverage against a pattern of resources (observed calls, generalized)", () => {
  it.each([
    ["arn:aws:s3:::payments/*", "arn:aws:s3:::payments/receipts/*", "all"],
    ["arn:aws:s3:::payments/receipts/2026/*", "arn:aws:s3:::payments/receipts/*", "some"],
    ["arn:aws:s3:::payments/exports/*", "arn:aws:s3:::payments/receipts/*", "none"],
    ["arn:aws:secretsmanager:*:*:secret:db-*", "arn:aws:secretsmanager:us-east-1:1:secret:db-??????", "all"],
    ["arn:aws:secretsmanager:*:*:secret:db-AbCdEf", "arn:aws:secretsmanager:us-east-1:1:secret:db-??????", "some"],
    // An escaped "*" is one literal character: the key is named "a*", not every key under "a".
    ["arn:aws:s3:::b/a${*}", "arn:aws:s3:::b/a${*}", "all"],
    ["arn:aws:s3:::b/a${*}", "arn:aws:s3:::b/a*", "some"],
    ["arn:aws:s3:::b/a*", "arn:aws:s3:::b/a${*}", "all"],
  ])("%s for %s: %s", (pattern, resource, expected) => {
    expect(coverage(pattern, resource)).toBe(expected);
  });
});

describe("policy variables", () => {
  const pattern = "arn:aws:s3:::home/${aws:username}/*";

  it("match once resolved", () => {
    expect(coverage(pattern, "arn:aws:s3:::home/alice/notes.txt", { "aws:username": "alice" })).toBe("all");
    expect(coverage(pattern, "arn:aws:s3:::home/bob/notes.txt", { "aws:username": "alice" })).toBe("none");
  });

  it("leave the value undecidable (null) when the request has no value and there is no default", () => {
    expect(coverage(pattern, "arn:aws:s3:::home/alice/notes.txt")).toBeNull();
    expect(coverage("arn:aws:s3:::home/${aws:username, 'alice'}/*", "arn:aws:s3:::home/alice/notes.txt")).toBe("all");
  });

  it("do not hide a mismatch elsewhere in the ARN", () => {
    expect(coverage("arn:aws:sqs:*:*:${aws:username}", "arn:aws:sns:us-east-1:1:topic")).toBe("none");
  });

  it("are text in a 2008-10-17 policy", () => {
    expect(coverage(pattern, "arn:aws:s3:::home/${aws:username}/x", {}, false)).toBe("all");
    expect(coverage(pattern, "arn:aws:s3:::home/alice/x", { "aws:username": "alice" }, false)).toBe("none");
  });
});
