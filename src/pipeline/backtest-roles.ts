import type { Backtest } from "../backtest/backtest-report.js";
import { backtestRole } from "../backtest/backtest-role.js";
import { splitTime, type SplitSpec } from "../backtest/split.js";
import type { UsageSource } from "../engines/engine.js";
import { mergeUsageRows } from "../engines/merge-usage-rows.js";
import type { RoleArn } from "../engines/role-selection.js";
import type { UsageRow } from "../engines/usage-row.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { DEFAULT_CONFIG, type TightenConfig } from "../config/tighten-config.js";
import { explainRow } from "../mapping/explain-row.js";
import { nameReductionFor } from "../mapping/generalization.js";
import { outcomeOf } from "../mapping/error-codes.js";
import { servicePrefixesFor } from "../mapping/map-usage.js";
import { instanceProfileRoles } from "../mapping/passed-roles.js";
import { compareText } from "../mapping/order.js";
import { parsePolicy } from "../policy/parse-policy.js";
import { policiesFromUsage } from "./generate-policies.js";
import { recordedDataEventsOf } from "./role-usage.js";
import { replayCalls, replayGeneralization, rowsByName } from "./verify-role.js";

/**
 * Would a policy made from the past have broken the service? The source must hold every name apart
 * and group calls by hour (NameReduction "exact", byHour): one scan serves both halves. The calls
 * before the split make each role's policy exactly as `generate` would from those hours (the
 * names folded by shape as the engine folds them); every successful call after it is replayed
 * through that policy on the very name it used.
 */
export async function backtestRoles(
  source: UsageSource,
  roles: readonly RoleArn[],
  split: SplitSpec,
  config: TightenConfig = DEFAULT_CONFIG,
): Promise<Backtest> {
  const principals = await source.principals();
  const first = principals.map((p) => p.firstSeen).sort(compareText)[0];
  const last = principals.map((p) => p.lastSeen).sort(compareText).at(-1);
  if (first === undefined || last === undefined) throw new Error("backtest over a source without calls");
  const at = splitTime(split, { first: new Date(first), last: new Date(last) });

  // Every principal's AddRoleToInstanceProfile comes with the roles' rows (UsageSource.usage).
  const read = await source.usage(roles.map((role) => role.arn));
  const before: UsageRow[] = [];
  const after: UsageRow[] = [];
  for (const row of read) {
    // Rows lie within one hour (byHour) and the split is on an hour: each is wholly on one side.
    if (Date.parse(row.lastSeen) < at.getTime()) before.push(row);
    else if (Date.parse(row.firstSeen) >= at.getTime()) after.push(row);
    else throw new Error(`a usage row spans the split (${row.firstSeen} .. ${row.lastSeen}): the scan was not grouped by hour`);
  }
  // As generate would scan them: by shape, or every name apart when a rule names keys exactly.
  const wanted = new Set(roles.map((role) => role.arn));
  const own = (rows: readonly UsageRow[]) => rows.filter((row) => wanted.has(row.principal));
  const beforeByRole = groupByPrincipal(mergeUsageRows(own(before), nameReductionFor(config.generalize)));
  const afterByRole = groupByPrincipal(mergeUsageRows(own(after), "exact").flatMap(rowsByName));
  // The policy knows the instance profiles made before the split, as generate would have then; a
  // later call is replayed for what it needed, its profile's role from the whole trail.
  const policies = await policiesFromUsage(beforeByRole, roles, await recordedDataEventsOf(source), config, undefined, instanceProfileRoles(before));
  const profiles = instanceProfileRoles(read);

  const catalog = await loadIamCatalog(servicePrefixesFor([...afterByRole.values()].flat()));
  const replay = replayGeneralization(config.generalize);
  const results = policies.map((policy) => {
    const later = (afterByRole.get(policy.role.arn) ?? []).map((row) => explainRow(row, catalog, replay, profiles));
    const earlier = (beforeByRole.get(policy.role.arn) ?? []).filter((row) => outcomeOf(row.errorCode) === "authorized");
    const beforeCalls = earlier.reduce((sum, row) => sum + row.count, 0);
    return backtestRole(policy.role, policy.document, policy.mapping.permissions, beforeCalls, replayCalls(later, [parsePolicy(policy.document)]));
  });
  return { range: { first, last }, split: at.toISOString().replace(/\.000Z$/, "Z"), roles: results };
}

function groupByPrincipal(rows: readonly UsageRow[]): Map<string, UsageRow[]> {
  const byRole = new Map<string, UsageRow[]>();
  for (const row of rows) byRole.set(row.principal, [...(byRole.get(row.principal) ?? []), row]);
  return byRole;
}
