// CloudTrail events whose every field someone could write into carries hostile text: wildcards and
// policy variables, Terraform interpolation, HTML and Markdown, ANSI and bidirectional controls,
// NUL, very long and very deep values. Deterministic for a seed, so a failing run can be replayed.

import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../support/trail.js";

export const HOSTILE: readonly string[] = [
  "*",
  "?",
  "${aws:username}",
  'x${file("/etc/passwd")}y',
  "%{ if true }x%{ endif }",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "| a | b |",
  "`tick` **bold** [link](http://x) # head",
  "\u001b[31mred\u001b[0m",
  "\u202eevil\u202c",
  "nul\u0000byte",
  "line\nbreak\r\n",
  "x".repeat(3000),
  "é中😀",
  "back\\slash 'quote' \"dq\"",
  "../../etc/passwd",
  "arn:aws:iam::*:role/*",
  "-- ; DROP TABLE cloudtrail",
];

/** A value built from hostile pieces, short enough to keep a run fast. */
const hostile = fc.array(fc.constantFrom(...HOSTILE, "a", "prod/", "7", "2026/11/", "6f1c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90"), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));

/** An event whose requestParameters are nested `depth` levels, as JSON text (too deep for JSON.stringify). */
function deepEventJson(depth: number): string {
  const event = JSON.stringify(roleEvent("svc-task", "s3.amazonaws.com", "GetObject", { eventID: "deep", requestParameters: "DEEP" }));
  return event.replace('"DEEP"', `${'{"n":'.repeat(depth)}{}${"}".repeat(depth)}`);
}

interface Plan {
  readonly role: string;
  readonly calls: readonly { readonly source: string; readonly name: string; readonly parameters: Record<string, unknown>; readonly error: string | null; readonly region: string }[];
}

const CALLS: readonly { readonly source: string; readonly name: string; readonly parameter: readonly string[] }[] = [
  { source: "s3.amazonaws.com", name: "GetObject", parameter: ["bucketName", "key"] },
  { source: "s3.amazonaws.com", name: "PutObject", parameter: ["bucketName", "key"] },
  { source: "secretsmanager.amazonaws.com", name: "GetSecretValue", parameter: ["secretId"] },
  { source: "dynamodb.amazonaws.com", name: "GetItem", parameter: ["tableName"] },
  { source: "sqs.amazonaws.com", name: "SendMessage", parameter: ["queueUrl"] },
  { source: "sts.amazonaws.com", name: "AssumeRole", parameter: ["roleArn"] },
  { source: "lambda.amazonaws.com", name: "Invoke", parameter: ["functionName"] },
  { source: "logs.amazonaws.com", name: "CreateLogStream", parameter: ["logGroupName", "logStreamName"] },
  { source: "kms.amazonaws.com", name: "Decrypt", parameter: ["keyId"] },
];

const plan: fc.Arbitrary<Plan> = fc.record({
  role: fc.oneof(fc.constantFrom("svc-task", "ecs/svc-task"), hostile.map((h) => `svc-${h}`)),
  calls: fc.array(
    fc.record({
      call: fc.constantFrom(...CALLS),
      values: fc.array(hostile, { minLength: 2, maxLength: 2 }),
      error: fc.oneof(fc.constant(null), fc.constant(null), fc.constantFrom("ValidationException", "AccessDenied", "NoSuchKey"), hostile),
      region: fc.oneof(fc.constant("us-east-1"), fc.constant("us-east-1"), hostile),
      source: fc.oneof(fc.constant(null), fc.constant(null), fc.constant(null), fc.constantFrom("", ".amazonaws.com"), hostile),
    }),
    { minLength: 4, maxLength: 12 },
  ).map((list) =>
    list.map(({ call, values, error, region, source }) => ({
      source: source ?? call.source,
      name: call.name,
      parameters: Object.fromEntries(call.parameter.map((p, i) => [p, values[i] ?? "x"])),
      error,
      region,
    })),
  ),
});

/**
 * Writes a delivery tree of hostile events for `seed` under `root` and returns the role names it
 * used. Beside the planned calls, a second file holds a record that is not an object and one whose
 * requestParameters are nested 20,000 deep.
 */
export function writeHostileTree(root: string, seed: number): readonly string[] {
  const plans = fc.sample(plan, { numRuns: 3, seed });
  const events: unknown[] = [];
  let n = 0;
  for (const { role, calls } of plans) {
    for (const { source, name, parameters, error, region } of calls) {
      n += 1;
      const day = 2 + (n % 3);
      events.push(
        roleEvent(role, source, name, {
          eventTime: `2026-11-0${day}T${String(n % 24).padStart(2, "0")}:00:00Z`,
          eventID: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
          awsRegion: region,
          requestParameters: parameters,
          resources: [{ accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${String(parameters.bucketName ?? "b")}` }],
          userAgent: HOSTILE[n % HOSTILE.length],
          ...(error === null ? {} : { errorCode: error, errorMessage: HOSTILE[(n + 3) % HOSTILE.length] }),
        }),
      );
    }
  }
  // And one call every seed has, which a policy must grant: hostile text only in its object key,
  // made by a role whose ARN is one (a planned role's name may end in "/": no role ARN, left out).
  events.push(
    roleEvent("svc-task", "s3.amazonaws.com", "GetObject", {
      eventTime: "2026-11-03T12:30:00Z",
      eventID: "00000000-0000-4000-8000-999999999999",
      requestParameters: { bucketName: "hostile-keys", key: HOSTILE.slice(0, 8).join("/") },
      resources: [{ accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::hostile-keys" }],
    }),
  );
  const day = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/03/${ACCOUNT}_CloudTrail_us-east-1_20261103T`;
  writeFile(root, `${day}0000Z_hostile${seed}.json.gz`, recordsGzip(events));
  // And a file of the odd: a record that is no object, and one nested deeper than any parser recurses.
  writeFile(root, `${day}0005Z_oddities${seed}.json.gz`, gzipSync(`{"Records":["not an event",${deepEventJson(20_000)}]}`));
  return [...new Set([...plans.map((p) => p.role), "svc-task"])];
}
