import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import type { UsageRow } from "../engines/usage-row.js";
import { recordedDataEventTypes } from "../mapping/unobservable-actions.js";

/** The usage rows of the roles, read in one query and grouped by role ARN. */
export async function usageByRole(source: UsageSource, roles: readonly Pick<RoleArn, "arn">[]): Promise<{ rows: readonly UsageRow[]; byRole: ReadonlyMap<string, UsageRow[]> }> {
  const rows = await source.usage(roles.map((role) => role.arn));
  const byRole = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const list = byRole.get(row.principal) ?? [];
    list.push(row);
    byRole.set(row.principal, list);
  }
  return { rows, byRole };
}

/** The data event types the trail records: as the source knows them (Athena's table), else as the calls seen show. */
export async function recordedDataEventsOf(source: UsageSource): Promise<ReadonlySet<string>> {
  return (await source.recordedDataEvents?.()) ?? recordedDataEventTypes(await source.observedCalls());
}
