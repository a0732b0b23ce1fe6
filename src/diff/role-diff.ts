import type { ConditionalDeny } from "./current-grants.js";
import type { RiskCategory } from "./risk.js";

/**
 * What tightening does to one action, judged from the current policy, the generated policy and
 * the calls the role was seen to make:
 * - removed: the current policy grants it, the role never used it, and the trail would have shown
 *   a use (see unobservable);
 * - narrowed: used, and the current policy grants it on more than the generated one names (`*`, a
 *   broad pattern, NotResource);
 * - kept: used, granted on exactly the resources the generated policy names;
 * - added: used, and the current policy would refuse at least one of the calls the role made
 *   (it had failed, or it had another way in: a Deny, a condition, a boundary);
 * - unobservable: granted, not seen used, and the trail cannot show a use (a data event the trail
 *   does not record, or a call CloudTrail never logs): kept and flagged, never removed.
 */
export type ChangeKind = "removed" | "narrowed" | "kept" | "added" | "unobservable";

export const CHANGE_KINDS: readonly ChangeKind[] = ["added", "removed", "narrowed", "unobservable", "kept"];

export interface ActionChange {
  readonly action: string; // "s3:GetObject", iam-data's casing
  readonly change: ChangeKind;
  /** iam-data's access level: "Read", "Write", "List", "Tagging", "Permissions management". */
  readonly accessLevel: string;
  /** Risk categories of the grant, most severe first; empty for plain reads and lists. */
  readonly risks: readonly RiskCategory[];
  /** Resources the current policy grants the action on (patterns, as written); empty when it does not. */
  readonly current: readonly string[];
  /** True when every current statement granting it has a Condition: granted in some contexts only. */
  readonly currentConditional: boolean;
  /** Resources the generated policy names for it; empty when it grants nothing. */
  readonly generated: readonly string[];
  /** Successful calls that needed it, and when it was last seen; null when never seen. */
  readonly used: { readonly calls: number; readonly lastSeen: string } | null;
  /** Why it is unobservable, or what the current policy refuses for an added action. */
  readonly note: string | null;
  /**
   * Current Deny statements that may refuse it under a Condition tighten cannot decide (for a
   * used action: one its calls did not settle), with the condition as written. Empty when none.
   */
  readonly conditionallyDenied: readonly ConditionalDeny[];
}

/** A statement the current policy holds that the generated one cannot reason about by action. */
export interface CurrentPolicySource {
  readonly source: string; // "inline NAME", a policy ARN, or a file path
  readonly statements: number;
}

export interface RoleDiff {
  readonly role: string; // role ARN
  readonly current: readonly CurrentPolicySource[];
  /** The permissions boundary's ARN: reported, since it caps what any policy can grant. */
  readonly permissionsBoundary: string | null;
  /** Sorted by action. */
  readonly changes: readonly ActionChange[];
  /** Authorization failures seen in the logs: the role tried, and was refused. */
  readonly denied: readonly { readonly action: string; readonly errorCode: string; readonly calls: number }[];
  /** Successful calls the mapping could not name an action or resource for: the diff cannot judge them. */
  readonly unmapped: number;
}

export type ChangeCounts = Readonly<Record<ChangeKind, number>>;

export function countChanges(diff: Pick<RoleDiff, "changes">): ChangeCounts {
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, narrowed: 0, unobservable: 0, kept: 0 };
  for (const change of diff.changes) counts[change.change] += 1;
  return counts;
}

/** Whether tightening changes anything: what `--exit-code` reports. */
export function hasDifferences(diff: Pick<RoleDiff, "changes">): boolean {
  return diff.changes.some((change) => change.change === "added" || change.change === "removed" || change.change === "narrowed");
}
