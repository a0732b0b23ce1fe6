import { compareText } from "../mapping/order.js";
import type { ConditionalDeny } from "./current-grants.js";

/** One Deny tighten cannot decide, and the granted actions it may refuse. */
export interface ConditionalDenyGroup {
  readonly statement: string;
  readonly condition: string;
  readonly actions: readonly string[]; // sorted
}

/**
 * The grants' undecidable Denies, one group per statement: a region fence over `*` may mark every
 * action of a wildcard policy, which a reviewer reads as one fence, not thousands of rows.
 * Sorted by statement.
 */
export function groupConditionalDenies(items: readonly { readonly action: string; readonly conditionallyDenied: readonly ConditionalDeny[] }[]): ConditionalDenyGroup[] {
  const groups = new Map<string, { statement: string; condition: string; actions: string[] }>();
  for (const item of items) {
    for (const deny of item.conditionallyDenied) {
      const key = JSON.stringify([deny.statement, deny.condition]);
      const group = groups.get(key) ?? { ...deny, actions: [] };
      group.actions.push(item.action);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map((group) => ({ ...group, actions: [...new Set(group.actions)].sort(compareText) }))
    .sort((a, b) => compareText(a.statement, b.statement) || compareText(a.condition, b.condition));
}
