import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import type { UsageRow } from "../engines/usage-row.js";
import { parseArn } from "../iam/arn.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { DEFAULT_CONFIG, type TightenConfig } from "../config/tighten-config.js";
import { mapUsage, servicePrefixesFor } from "../mapping/map-usage.js";
import type { MappingResult } from "../mapping/permission.js";
import type { PolicyDocument, TrustPolicyDocument } from "../policy/policy-document.js";
import { fitPolicy, type FittedPolicies } from "../synth/split-policy.js";
import { synthesize } from "../synth/synthesize.js";
import { trustPolicy } from "../synth/trust-policy.js";

export interface RolePolicy {
  readonly role: RoleArn;
  readonly mapping: MappingResult;
  /** The whole policy, as one document. */
  readonly document: PolicyDocument;
  /** The same within IAM's size quotas: one inline policy, or managed policies; `note` says when split. */
  readonly policies: FittedPolicies;
  /** Its trust policy as an ECS task role, for the regions its calls were seen in. */
  readonly trust: TrustPolicyDocument;
}

/**
 * Usage of each role -> permissions -> one least-privilege policy per role, in role order, with
 * the config's generalization rules and policy type (defaults when not given).
 */
export async function generatePolicies(
  source: UsageSource,
  roles: readonly RoleArn[],
  config: TightenConfig = DEFAULT_CONFIG,
): Promise<RolePolicy[]> {
  const rows = await source.usage(roles.map((role) => role.arn));
  const byPrincipal = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const list = byPrincipal.get(row.principal) ?? [];
    list.push(row);
    byPrincipal.set(row.principal, list);
  }
  // Only the services these roles used: loading all of iam-data costs a third of a second.
  const catalog = await loadIamCatalog(servicePrefixesFor(rows));
  return roles.map((role) => {
    const roleRows = byPrincipal.get(role.arn) ?? [];
    const mapping = mapUsage(roleRows, catalog, config.generalize);
    const document = synthesize(mapping.permissions, catalog);
    const account = parseArn(role.arn)?.account ?? roleRows[0]?.account ?? "";
    return {
      role,
      mapping,
      document,
      policies: fitPolicy(document, config.policyType),
      trust: trustPolicy({ account, regions: roleRows.map((row) => row.region) }),
    };
  });
}
