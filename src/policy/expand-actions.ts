import { actionMatches } from "./action-pattern.js";
import type { ActionNames } from "./action-names.js";
import { compareText } from "../mapping/order.js";

/**
 * The actions an Action pattern names: "s3:Get*" -> every s3 action starting with Get, "*" ->
 * every action of every service, an exact name -> itself in iam-data's casing. Sorted. A pattern
 * that names no action iam-data knows gives an empty list (a typo, or an action AWS retired).
 * Throws when the pattern's service was not loaded into `names`: an empty answer would then be
 * wrong, not merely empty.
 */
export function expandActionPattern(pattern: string, names: ActionNames): string[] {
  const services = pattern === "*" ? names.services : [pattern.slice(0, Math.max(0, pattern.indexOf(":"))).toLowerCase()];
  const expanded: string[] = [];
  for (const service of services) {
    if (!names.services.includes(service)) continue;
    const actions = names.actionsOf(service);
    if (actions === undefined) throw new Error(`IAM service "${service}" was not loaded; pass it to loadActionNames`);
    for (const name of actions) {
      const action = `${service}:${name}`;
      if (actionMatches(pattern, action)) expanded.push(action);
    }
  }
  return expanded.sort(compareText);
}
