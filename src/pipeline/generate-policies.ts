import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import type { UsageRow } from "../engines/usage-row.js";
import { parseArn } from "../iam/arn.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { DEFAULT_CONFIG, type TightenConfig } from "../config/tighten-config.js";
import { mapUsage, servicePrefixesFor } from "../mapping/map-usage.js";
import type { InstanceProfileRoles } from "../mapping/passed-roles.js";
import type { MappingResult } from "../mapping/permission.js";
import type { PolicyDocument, TrustPolicyDocument } from "../policy/policy-document.js";
import { fitPolicy, type FittedPolicies } from "../synth/split-policy.js";
import { synthesize } from "../synth/synthesize.js";
import { trustPolicy } from "../synth/trust-policy.js";
import { withCarriedOver } from "../synth/carry-over.js";
import { currentGrants, grantOptionsFor, servicesNamedBy, type Grant } from "../diff/current-grants.js";
import { guardrails, NO_GUARDRAILS, withGuardrails, type Guardrails } from "../diff/guardrails.js";
import { unobservableGrants, type Unobservable } from "../diff/unobservable-grants.js";
import { unrecordedDataEventsFor } from "../mapping/unobservable-actions.js";
import { loadActionNames } from "../policy/action-names.js";
import type { NormalizedPolicy } from "../policy/normalized-policy.js";
import { parsePolicy } from "../policy/parse-policy.js";
import { recordedDataEventsOf, usageByRole } from "./role-usage.js";

export interface RolePolicy {
  readonly role: RoleArn;
  readonly mapping: MappingResult;
  /** The whole policy, as one document. */
  readonly document: PolicyDocument;
  /** The same within IAM's size quotas: one inline policy, or managed policies; `note` says when split. */
  readonly policies: FittedPolicies;
  /** Its trust policy as an ECS task role, for the regions its calls were seen in. */
  readonly trust: TrustPolicyDocument;
  /** Data event types of the services the role called that the trail does not record: their calls are missing. */
  readonly unrecordedDataEvents: readonly string[];
  /** With the role's current policies given: what they grant, and what was kept because no log could show it used. */
  readonly current: CurrentComparison | null;
}

/** A role's current policies, as files or IAM give them (src/aws/iam, src/cli/current-policy-options). */
export interface RoleCurrentPolicies {
  readonly policies: readonly { readonly source: string; readonly document: unknown }[];
  readonly permissionsBoundary?: { readonly arn: string };
}

export interface CurrentComparison {
  readonly sources: readonly { readonly source: string; readonly policy: NormalizedPolicy }[];
  readonly permissionsBoundary: string | null;
  readonly grants: readonly Grant[];
  readonly unobservable: Unobservable;
  /** The current Deny statements the generated policy keeps as written, and those it leaves out. */
  readonly guardrails: Guardrails;
  /** Data event types the logs show the trail records. */
  readonly recordedDataEvents: ReadonlySet<string>;
}

/**
 * Usage of each role -> permissions -> one least-privilege policy per role, in role order, with
 * the config's generalization rules and policy type (defaults when not given).
 */
export async function generatePolicies(
  source: UsageSource,
  roles: readonly RoleArn[],
  config: TightenConfig = DEFAULT_CONFIG,
  current?: ReadonlyMap<string, RoleCurrentPolicies>,
): Promise<RolePolicy[]> {
  const { byRole, profiles } = await usageByRole(source, roles);
  return policiesFromUsage(byRole, roles, await recordedDataEventsOf(source), config, current, profiles);
}

/** As generatePolicies, from usage rows already read and grouped by role ARN (backtest reads them once for two uses). */
export async function policiesFromUsage(
  byPrincipal: ReadonlyMap<string, readonly UsageRow[]>,
  roles: readonly RoleArn[],
  recordedDataEvents: ReadonlySet<string>,
  config: TightenConfig = DEFAULT_CONFIG,
  current?: ReadonlyMap<string, RoleCurrentPolicies>,
  profiles?: InstanceProfileRoles,
): Promise<RolePolicy[]> {
  // Only the services these roles used: loading all of iam-data costs a third of a second.
  const catalog = await loadIamCatalog(servicePrefixesFor([...byPrincipal.values()].flat()));
  const results: RolePolicy[] = [];
  for (const role of roles) {
    const roleRows = byPrincipal.get(role.arn) ?? [];
    const mapping = mapUsage(roleRows, catalog, config.generalize, profiles);
    let document = synthesize(mapping.permissions, catalog);
    const given = current?.get(role.arn);
    let comparison = given === undefined ? null : await compareWithCurrent(given, mapping, recordedDataEvents, role);
    if (comparison !== null) {
      const carried = comparison.unobservable.carried;
      const carriedCatalog = await loadIamCatalog(carried.map((grant) => grant.action.slice(0, grant.action.indexOf(":"))));
      document = withCarriedOver(document, carried, carriedCatalog);
      comparison = { ...comparison, guardrails: guardrails(comparison.sources.map(({ policy }) => policy), document, mapping.permissions) };
      document = withGuardrails(document, comparison.guardrails.kept);
    }
    const account = parseArn(role.arn)?.account ?? roleRows[0]?.account ?? "";
    results.push({
      role,
      mapping,
      document,
      policies: fitPolicy(document, config.policyType),
      trust: trustPolicy({ account, regions: roleRows.map((row) => row.region) }),
      current: comparison,
      unrecordedDataEvents: unrecordedDataEventsFor(roleRows, recordedDataEvents),
    });
  }
  return results;
}

async function compareWithCurrent(
  given: RoleCurrentPolicies,
  mapping: MappingResult,
  recordedDataEvents: ReadonlySet<string>,
  role: RoleArn,
): Promise<CurrentComparison> {
  const sources = given.policies.map(({ source, document }) => ({ source, policy: parsePolicy(document) }));
  const policies = sources.map(({ policy }) => policy);
  const named = servicesNamedBy(policies);
  const grants = currentGrants(policies, await loadActionNames(named), await loadIamCatalog(named), grantOptionsFor(role.arn));
  const used = new Set(mapping.permissions.map((permission) => permission.action.toLowerCase()));
  return {
    sources,
    permissionsBoundary: given.permissionsBoundary?.arn ?? null,
    grants,
    unobservable: unobservableGrants(grants, used, recordedDataEvents),
    guardrails: NO_GUARDRAILS, // decided once the generated document is known
    recordedDataEvents,
  };
}
