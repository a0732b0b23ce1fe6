import { foldNames } from "../../src/engines/merge-usage-rows.js";
import type { KeyShape, ObjectKeys, UsageRow } from "../../src/engines/usage-row.js";
import { nameMask } from "../../src/mapping/name-tokens.js";
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

/** One name a call used, with its own evidence; a bare string is one use at the fixture's time. */
export type NameUse = string | { readonly name: string; readonly calls?: number; readonly firstSeen?: string; readonly lastSeen?: string };

/**
 * The names of one call as the engine reports them: folded by shape (engines/merge-usage-rows.ts
 * foldNames, which a test holds to the engine's SQL), or, with `exact`, every name apart as an
 * exact scan gives them.
 */
export function objectKeys(keys: readonly NameUse[], exact = false): ObjectKeys {
  const uses = new Map<string, { calls: number; firstSeen: string; lastSeen: string }>();
  for (const key of keys) {
    const use = typeof key === "string" ? { name: key } : key;
    const seen = uses.get(use.name);
    const first = use.firstSeen ?? "2026-01-01T00:00:00Z";
    const last = use.lastSeen ?? first;
    uses.set(
      use.name,
      seen === undefined
        ? { calls: use.calls ?? 1, firstSeen: first, lastSeen: last }
        : { calls: seen.calls + (use.calls ?? 1), firstSeen: seen.firstSeen < first ? seen.firstSeen : first, lastSeen: seen.lastSeen > last ? seen.lastSeen : last },
    );
  }
  const names: KeyShape[] = [...uses.keys()].sort().map((name) => ({ template: nameMask(name), names: 1, ...uses.get(name)!, min: name, max: name, sample: [name] }));
  names.sort((a, b) => (a.template! < b.template! ? -1 : a.template! > b.template! ? 1 : a.min < b.min ? -1 : 1));
  return { distinct: names.length, exact, shapes: exact ? names : foldNames(names) };
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
