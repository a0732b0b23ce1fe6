import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import { DEFAULT_CONFIG, type TightenConfig } from "../config/tighten-config.js";
import { diffRole } from "../diff/diff-role.js";
import type { RoleDiff } from "../diff/role-diff.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { explainRow } from "../mapping/explain-row.js";
import { servicePrefixesFor } from "../mapping/map-usage.js";
import type { NormalizedPolicy } from "../policy/normalized-policy.js";
import { generatePolicies, type RoleCurrentPolicies, type RolePolicy } from "./generate-policies.js";
import { replayCalls } from "./verify-role.js";
import { usageByRole } from "./role-usage.js";

export interface RoleReview {
  readonly diff: RoleDiff;
  /** The replacement policy, unobservable grants carried over: what `generate --current` prints. */
  readonly generated: RolePolicy;
  /** The current policies as one normalized document, for `--unified`. */
  readonly current: NormalizedDocument;
}

export interface NormalizedDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly NormalizedStatementJson[];
}

/** A current statement as the normalized document shows it: lists everywhere, sorted, Not* kept. */
export interface NormalizedStatementJson {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: NormalizedPolicy["statements"][number]["conditions"];
}

/**
 * Each role's current policies against the policy its usage calls for: generate (carrying over
 * what the logs cannot show), replay the role's successful calls through the current policies, and
 * judge every action either grants or the role used.
 */
export async function diffRoles(
  source: UsageSource,
  roles: readonly RoleArn[],
  current: ReadonlyMap<string, RoleCurrentPolicies>,
  config: TightenConfig = DEFAULT_CONFIG,
): Promise<RoleReview[]> {
  const generated = await generatePolicies(source, roles, config, current);
  // One usage query and one catalog for all roles: the services they used and those their current policies grant.
  const { rows: allRows, byRole, profiles } = await usageByRole(source, roles);
  const catalog = await loadIamCatalog([
    ...servicePrefixesFor(allRows),
    ...generated.flatMap((policy) => policy.current?.grants ?? []).map((grant) => grant.action.slice(0, grant.action.indexOf(":"))),
  ]);
  const reviews: RoleReview[] = [];
  for (const policy of generated) {
    const comparison = policy.current;
    if (comparison === null) throw new Error(`no current policies given for ${policy.role.arn}`);
    const policies = comparison.sources.map(({ policy: p }) => p);
    const rows = byRole.get(policy.role.arn) ?? [];
    const replay = replayCalls(rows.map((row) => explainRow(row, catalog, config.generalize, profiles)), policies);
    const diff = diffRole({
      role: policy.role.arn,
      current: comparison.sources.map(({ source: name, policy: p }) => ({ source: name, statements: p.statements.length })),
      permissionsBoundary: comparison.permissionsBoundary,
      grants: comparison.grants,
      generated: policy.document,
      replayed: replay.calls,
      denied: policy.mapping.denied,
      unmapped: policy.mapping.unmapped.reduce((sum, unmapped) => sum + unmapped.evidence.count, 0),
      recordedDataEvents: comparison.recordedDataEvents,
      uncarried: comparison.unobservable.uncarried,
      catalog,
    });
    reviews.push({ diff, generated: policy, current: normalizedDocument(policies) });
  }
  return reviews;
}

/** All current policies as one document in one shape, so that a text diff shows content, not formatting. */
export function normalizedDocument(policies: readonly NormalizedPolicy[]): NormalizedDocument {
  const sorted = (values: readonly string[]) => [...values].sort();
  return {
    Version: "2012-10-17",
    Statement: policies.flatMap((policy) =>
      policy.statements.map((s): NormalizedStatementJson => ({
        ...(s.sid === null ? {} : { Sid: s.sid }),
        Effect: s.effect,
        ...(s.actionsExcluded ? { NotAction: sorted(s.actions) } : { Action: sorted(s.actions) }),
        ...(s.resourcesExcluded ? { NotResource: sorted(s.resources) } : { Resource: sorted(s.resources) }),
        ...(Object.keys(s.conditions).length === 0 ? {} : { Condition: s.conditions }),
      })),
    ),
  };
}
