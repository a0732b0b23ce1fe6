import type { ObjectKeys, UsageRow } from "../../src/engines/usage-row.js";
import { type IamCatalog, loadIamCatalog } from "../../src/iam/catalog.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "../../src/mapping/generalization.js";
import { mapUsage } from "../../src/mapping/map-usage.js";

export const ROLE = "arn:aws:iam::111122223333:role/ecs/payments-task";

/** A CloudTrail-shaped usage row: one successful call by ROLE in eu-west-1, account 111122223333. */
export function usageRow(row: Partial<UsageRow> & Pick<UsageRow, "eventSource" | "eventName">): UsageRow {
  return {
    principal: ROLE,
    principalType: "AssumedRole",
    region: "eu-west-1",
    account: "111122223333",
    errorCode: null,
    invokedBy: null,
    resources: [],
    parameters: {},
    objectKeys: null,
    count: 1,
    firstSeen: "2026-01-01T00:00:00Z",
    lastSeen: "2026-01-01T00:00:00Z",
    ...row,
  };
}

/** The keys of one scope as the engine reports them, sample cut to `sampleSize`. */
export function objectKeys(keys: readonly string[], sampleSize = 20): ObjectKeys {
  const sorted = [...new Set(keys)].sort();
  const first = sorted[0] ?? "";
  return {
    scope: first.includes("/") ? first.slice(0, first.indexOf("/")) : "",
    distinct: sorted.length,
    sample: sorted.slice(0, sampleSize),
    min: first,
    max: sorted[sorted.length - 1] ?? "",
  };
}

let catalog: Promise<IamCatalog> | undefined;

/** The services the mapping tests touch, loaded once per test file. */
export function testCatalog(): Promise<IamCatalog> {
  catalog ??= loadIamCatalog([
    "cloudfront", "cloudwatch", "dynamodb", "ec2", "ecr", "ecs", "events", "iam", "kms", "lambda", "logs", "s3",
    "secretsmanager", "sns", "sqs", "ssm", "states", "sts",
  ]);
  return catalog;
}

/** [action, resource] pairs a set of rows maps to, for compact expectations. */
export async function granted(...rows: UsageRow[]): Promise<[string, string][]> {
  return grantedWith({}, ...rows);
}

/** As granted, with some generalization rules changed from their defaults. */
export async function grantedWith(rules: Partial<Generalization>, ...rows: UsageRow[]): Promise<[string, string][]> {
  return mapUsage(rows, await testCatalog(), { ...DEFAULT_GENERALIZATION, ...rules }).permissions.map((p) => [p.action, p.resource]);
}

/** [action, reason] pairs of what a set of rows could not map. */
export async function unmappedOf(...rows: UsageRow[]): Promise<[string | null, string][]> {
  return mapUsage(rows, await testCatalog()).unmapped.map((u) => [u.action, u.reason]);
}
