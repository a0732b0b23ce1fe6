import { currentGrants, grantOptionsFor, servicesNamedBy } from "../diff/current-grants.js";
import type { DriftReport, RoleDrift } from "../drift/drift-report.js";
import { driftRole } from "../drift/drift-role.js";
import { inWindow, type DriftWindow } from "../drift/drift-window.js";
import type { BaselinePolicy } from "../drift/wildcard-statements.js";
import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import { DEFAULT_CONFIG, type TightenConfig } from "../config/tighten-config.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { explainRow } from "../mapping/explain-row.js";
import { servicePrefixesFor } from "../mapping/map-usage.js";
import { loadActionNames } from "../policy/action-names.js";
import { parsePolicy } from "../policy/parse-policy.js";
import type { RoleCurrentPolicies } from "./generate-policies.js";
import { replayCalls, replayGeneralization, rowsByName } from "./verify-role.js";
import { recordedDataEventsOf, usageByRole } from "./role-usage.js";

/**
 * Each role's drift from its baseline. The source was read from `window.readFrom`; a row counts
 * as use in the window when it was last seen in it, and as a past use only otherwise (its
 * evidence covers everything read, so "calls" are those since readFrom). New usage is judged on
 * the rows explained with the config's generalization, as generate named the baseline's
 * resources; unused grants on each name as called (the source should keep names apart:
 * NameReduction "exact").
 */
export async function driftRoles(
  source: UsageSource,
  roles: readonly RoleArn[],
  baselines: ReadonlyMap<string, RoleCurrentPolicies>,
  window: DriftWindow,
  config: TightenConfig = DEFAULT_CONFIG,
): Promise<DriftReport> {
  const { rows, byRole: byPrincipal, profiles } = await usageByRole(source, roles);
  const recordedDataEvents = await recordedDataEventsOf(source);

  const baselineOf = (role: RoleArn): BaselinePolicy[] => {
    const given = baselines.get(role.arn);
    if (given === undefined) throw new Error(`no baseline given for ${role.arn}`);
    return given.policies.map(({ source: name, document }) => ({ source: name, policy: parsePolicy(document) }));
  };
  const parsed = new Map(roles.map((role) => [role.arn, baselineOf(role)]));
  const policies = [...parsed.values()].flat().map((baseline) => baseline.policy);
  // An Action of "*" or a NotAction names every service: then all of iam-data is loaded (a third of a second).
  const named = servicesNamedBy(policies);
  const names = await loadActionNames(named);
  const catalog = await loadIamCatalog(named === undefined ? undefined : [...servicePrefixesFor(rows), ...named]);

  const drifts: RoleDrift[] = [];
  for (const role of roles) {
    const baseline = parsed.get(role.arn)!;
    const rows = byPrincipal.get(role.arn) ?? [];
    const explained = rows.map((row) => explainRow(row, catalog, config.generalize, profiles));
    const current = explained.filter((e) => inWindow(e.row.lastSeen, window));
    // Unused grants are judged on the names as called, each with its own last use: widened first
    // (receipts/2026/11/*), the window's keys would cover a baseline key last read before it.
    const byName = rows.flatMap(rowsByName).map((row) => explainRow(row, catalog, replayGeneralization(config.generalize), profiles));
    const baselinePolicies = baseline.map((b) => b.policy);
    const namesIn = (inside: boolean) => replayCalls(byName.filter((e) => inWindow(e.row.lastSeen, window) === inside), baselinePolicies).calls;
    drifts.push(
      driftRole({
        role,
        baseline,
        grants: currentGrants(baselinePolicies, names, catalog, grantOptionsFor(role.arn)),
        window: current,
        replayed: replayCalls(current, baselinePolicies),
        namesInWindow: namesIn(true),
        before: namesIn(false),
        recordedDataEvents,
        catalog,
        names,
      }),
    );
  }
  return { window: { since: window.start, until: window.until }, roles: drifts };
}
