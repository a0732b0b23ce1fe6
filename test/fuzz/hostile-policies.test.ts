// Current policies of every shape IAM takes (and some it does not) through every command that
// reads one: exit codes stay in {0, 1, 2}, never a bug's 3. Run by `npm run fuzz` (FUZZ_RUNS random
// policies beside the fixed ones), not by `npm test`: a worker's first policy costs ~5 s of
// loading, and the fixed cases are also in test/cli/diff.test.ts. One sample:
// `FUZZ_RUNS=80 npx vitest run test/fuzz/hostile-policies.test.ts` (`FUZZ_SEED=N` for another).

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "../support/run-cli.js";
import { tempDir } from "../support/trail.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

const ACTIONS = ["*", "s3:*", "s3:Get*", "s3:GetObject", "S3:getobject", "dynamodb:*", "kms:Decrypt", "iam:PassRole", "sqs:Send*", "secretsmanager:GetSecretValue", "ec2:*", "s3:?etObject", "logs:*", "sts:AssumeRole"];
const RESOURCES = [
  "*", "arn:aws:s3:::*", "arn:aws:s3:::acme-payments-receipts/*", "arn:aws:s3:::acme-payments-receipts/${aws:username}/*", "arn:aws:s3:::a${*}b",
  "arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:us-east-1:111122223333:table/payments", "arn:aws:kms:*:111122223333:key/*",
  "arn:aws:sqs:us-east-1:111122223333:payments-events", "arn:aws", "arn:aws:*", "arn:*:*:*:*:*", "arn:aws:secretsmanager:*:*:secret:prod/*",
  "arn:aws:s3:::${aws:PrincipalTag/team, 'x'}/*", "arn:aws:s3:::${",
];
const KEYS = ["aws:SourceVpc", "aws:RequestedRegion", "aws:PrincipalTag/team", "s3:prefix", "aws:SecureTransport", "kms:ViaService", "aws:ResourceAccount", "aws:PrincipalArn", "aws:CurrentTime", "aws:SourceIp", "aws:MultiFactorAuthPresent", "aws:TagKeys"];
const OPERATORS = [
  "StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "ArnLike", "ArnNotEquals", "ArnEquals", "Bool", "Null",
  "NumericLessThan", "DateGreaterThan", "IpAddress", "NotIpAddress", "ForAllValues:StringEquals", "ForAnyValue:StringLike", "StringNotEqualsIfExists", "BoolIfExists",
];
const VALUES = ["vpc-1", "us-east-1", "eu-*", "true", "false", "10", "2026-01-01T00:00:00Z", "10.0.0.0/8", "arn:aws:iam::111122223333:role/*", "${aws:username}", "*", "", "s3.us-east-1.amazonaws.com"];

const one = <T>(values: readonly T[]) => fc.constantFrom(...values);
const oneOrList = <T>(values: readonly T[]) => fc.oneof(one(values), fc.array(one(values), { minLength: 1, maxLength: 3 }));
const condition = fc.dictionary(one(OPERATORS), fc.dictionary(one(KEYS), fc.oneof(oneOrList(VALUES), fc.boolean(), fc.integer({ min: 0, max: 20 })), { minKeys: 1, maxKeys: 2 }), { minKeys: 1, maxKeys: 2 });
const statement = fc
  .record(
    {
      Sid: fc.constantFrom("A", "B", "Sid1"),
      Effect: fc.constantFrom("Allow", "Allow", "Deny"),
      action: fc.tuple(fc.constantFrom("Action", "NotAction"), oneOrList(ACTIONS)),
      resource: fc.tuple(fc.constantFrom("Resource", "Resource", "NotResource"), oneOrList(RESOURCES)),
      Condition: condition,
    },
    { requiredKeys: ["Effect", "action", "resource"] },
  )
  .map(({ action, resource, ...rest }) => ({ ...rest, [action[0]]: action[1], [resource[0]]: resource[1] }));
const policy = fc.record({ Version: fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17"), Statement: fc.array(statement, { minLength: 1, maxLength: 4 }) });

/** Shapes that once made a command exit 3: each stays here. */
const FIXED: readonly unknown[] = [
  // A Deny on every action, kept as a guardrail, was reviewed as a grant of "*" (diff).
  { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } }, { Effect: "Allow", Action: "*", Resource: "*" }] },
  { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] },
];

describe.runIf(process.env.FUZZ_RUNS !== undefined)("hostile current policies", () => {
  const cases = [...FIXED, ...fc.sample(policy, { numRuns: RUNS, seed: SEED })];
  it.each(cases.map((document, i) => [i, document] as const))("policy %i: diff, verify, generate --current, drift and convert exit 0, 1 or 2", async (i, document) => {
    const dir = tempDir("tighten-policy-fuzz-");
    const file = path.join(dir, `policy-${i}.json`);
    writeFileSync(file, JSON.stringify(document));
    const baseline = path.join(dir, "baseline");
    mkdirSync(baseline);
    writeFileSync(path.join(baseline, "payments-service-task.json"), JSON.stringify(document));
    const role = ["--logs", "examples/cloudtrail", "--role", "payments-service-task", "--quiet"];
    for (const args of [
      ["diff", ...role, "--current", file, "--format", "markdown"],
      ["diff", ...role, "--current", file, "--format", "json"],
      ["verify", ...role, "--policy", file],
      ["generate", ...role, "--current", file, "--format", "terraform"],
      ["drift", ...role, "--baseline", baseline, "--format", "html"],
      ["convert", file, "--to", "terraform"],
    ]) {
      const result = await run(...args);
      expect([0, 1, 2], `${args.join(" ")}: exit ${result.code}\n${JSON.stringify(document)}\n${result.stderr}`).toContain(result.code);
    }
  });
});
