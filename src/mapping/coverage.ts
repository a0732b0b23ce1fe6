import type { IamCatalog } from "../iam/catalog.js";
import { splitActionName } from "../iam/catalog.js";
import type { RowExplanation } from "./explanation.js";
import { inReference } from "./reference-calls.js";

/** One call (eventSource:eventName) that gave no permission, or not all it needed, and why. */
export interface UncoveredCall {
  readonly eventSource: string;
  readonly eventName: string;
  readonly action: string | null;
  readonly reason: string;
  readonly count: number;
}

/**
 * How much of what a role did the mapping could name, counted in calls (events), not rows:
 * - mapped: successful calls whose every action exists in iam-data (calls that need no permission
 *   count as mapped: their answer is known);
 * - specific: of the actions of successful calls that IAM can scope to a resource, how many got
 *   an ARN (or a scoped pattern) rather than a reason;
 * - referenced: successful calls whose (service, call, request features) the reference table holds
 *   (reference-calls.ts), whose mapping a test holds to the AWS documentation row by row.
 */
export interface Coverage {
  readonly calls: number;
  readonly successfulCalls: number;
  readonly mappedCalls: number;
  readonly resourceLevelActions: number;
  readonly specificActions: number;
  readonly referencedCalls: number;
  readonly uncovered: readonly UncoveredCall[];
}

export function coverageOf(explanations: readonly RowExplanation[], catalog: IamCatalog): Coverage {
  let calls = 0;
  let successfulCalls = 0;
  let mappedCalls = 0;
  let resourceLevelActions = 0;
  let specificActions = 0;
  let referencedCalls = 0;
  const uncovered = new Map<string, UncoveredCall>();
  const note = (row: RowExplanation["row"], action: string | null, reason: string) => {
    const key = JSON.stringify([row.eventSource, row.eventName, action, reason]);
    const previous = uncovered.get(key);
    uncovered.set(key, {
      eventSource: row.eventSource,
      eventName: row.eventName,
      action,
      reason,
      count: (previous?.count ?? 0) + row.count,
    });
  };

  for (const explanation of explanations) {
    const { row } = explanation;
    calls += row.count;
    const successful = explanation.outcome !== "denied" && explanation.outcome !== "unauthenticated" && explanation.outcome !== "failed";
    if (!successful) continue;
    successfulCalls += row.count;
    if (inReference(row)) referencedCalls += row.count;
    if (explanation.outcome === "unknown-service") {
      note(row, null, explanation.note ?? "unknown service");
      continue;
    }
    const missing = explanation.actions.filter((action) => !action.exists);
    for (const action of missing) note(row, action.action, action.unmapped ?? `iam-data has no action ${action.action}`);
    if (missing.length === 0) mappedCalls += row.count;
    for (const action of explanation.actions) {
      if (!action.exists) continue;
      const details = catalog.action(...splitActionName(action.action));
      if (details === undefined || details.isWildcardOnly) continue;
      // "*" by rule, not by failure (CloudWatch metric calls, whose resource type applies only when named).
      if (action.unmapped === null && action.resources.length > 0 && action.resources.every((r) => r === "*")) continue;
      resourceLevelActions += row.count;
      const specific = action.resources.some((resource) => resource !== "*");
      if (specific) specificActions += row.count;
      else note(row, action.action, action.unmapped ?? "no specific resource");
    }
  }
  const list = [...uncovered.values()].sort(
    (a, b) => b.count - a.count || (a.eventSource + a.eventName < b.eventSource + b.eventName ? -1 : 1),
  );
  return { calls, successfulCalls, mappedCalls, resourceLevelActions, specificActions, referencedCalls, uncovered: list };
}

/** "97.4%", or "-" when there was nothing to count. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}
