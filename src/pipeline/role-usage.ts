import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import type { UsageRow } from "../engines/usage-row.js";
import { instanceProfileRoles, type InstanceProfileRoles } from "../mapping/passed-roles.js";
import { recordedDataEventTypes } from "../mapping/unobservable-actions.js";

/**
 * The usage rows of the principals, and the roles of the trail's instance profiles: the source
 * returns every principal's AddRoleToInstanceProfile beside the rows asked for (one query), which
 * are split here so that no other principal's call is mapped as theirs.
 */
export async function usageOf(source: UsageSource, principals: readonly string[]): Promise<{ rows: readonly UsageRow[]; profiles: InstanceProfileRoles }> {
  const read = await source.usage(principals);
  const wanted = new Set(principals);
  return { rows: read.filter((row) => wanted.has(row.principal)), profiles: instanceProfileRoles(read) };
}

/** The usage rows of the roles, read in one query and grouped by role ARN, with the roles of the trail's instance profiles. */
export async function usageByRole(
  source: UsageSource,
  roles: readonly Pick<RoleArn, "arn">[],
): Promise<{ rows: readonly UsageRow[]; byRole: ReadonlyMap<string, UsageRow[]>; profiles: InstanceProfileRoles }> {
  const { rows, profiles } = await usageOf(source, roles.map((role) => role.arn));
  const byRole = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const list = byRole.get(row.principal) ?? [];
    list.push(row);
    byRole.set(row.principal, list);
  }
  return { rows, byRole, profiles };
}

/** The data event types the trail records: as the source knows them (Athena's table), else as the calls seen show. */
export async function recordedDataEventsOf(source: UsageSource): Promise<ReadonlySet<string>> {
  return (await source.recordedDataEvents?.()) ?? recordedDataEventTypes(await source.observedCalls());
}
