import type { Grant } from "../diff/current-grants.js";
import type { IamCatalog } from "../iam/catalog.js";
import type { RowExplanation } from "../mapping/explanation.js";
import { foldExplanations, mergeEvidence } from "../mapping/map-usage.js";
import { compareText } from "../mapping/order.js";
import { eventIdOf } from "../mapping/permission.js";
import type { ActionNames } from "../policy/action-names.js";
import { statementLabel } from "../policy/evaluate.js";
import type { Replay, ReplayedCall } from "../policy/replay.js";
import { groupDenied } from "./denied-suggestion.js";
import type { NewUsage, RoleDrift } from "./drift-report.js";
import { ecsFindings } from "./ecs-hygiene.js";
import { unusedGrants } from "./unused-grants.js";
import { wildcardStatements, type BaselinePolicy } from "./wildcard-statements.js";

export interface RoleDriftInput {
  readonly role: { readonly arn: string; readonly name: string };
  /** The baseline's policies, in the order they are reported. */
  readonly baseline: readonly BaselinePolicy[];
  /** What the baseline grants, per action (currentGrants). */
  readonly grants: readonly Grant[];
  /** The role's rows last seen in the window, as the mapping explains them. */
  readonly window: readonly RowExplanation[];
  /** Its successful calls in the window, replayed through the baseline: new usage. */
  readonly replayed: Replay;
  /**
   * The same calls with each name as called (an S3 key, not the folder it generalizes to): what
   * unused grants are judged on. Defaults to `replayed`'s calls.
   */
  readonly namesInWindow?: readonly ReplayedCall[];
  /** Its successful calls last seen before the window, each name as called: past uses only. */
  readonly before: readonly ReplayedCall[];
  /** Data event types the logs show the trail records (recordedDataEventTypes). */
  readonly recordedDataEvents: ReadonlySet<string>;
  /** iam-data for the services of the grants, the calls and the baseline's action patterns. */
  readonly catalog: IamCatalog;
  readonly names: ActionNames;
}

/** One role's review against its baseline. Pure: everything is passed in. */
export function driftRole(input: RoleDriftInput): RoleDrift {
  const { unused, unobservable } = unusedGrants(
    input.grants,
    { window: input.namesInWindow ?? input.replayed.calls, before: input.before, recordedDataEvents: input.recordedDataEvents },
    input.catalog,
  );
  const denied = groupDenied(foldExplanations(input.window).denied);
  return {
    role: input.role.arn,
    baseline: input.baseline.map((policy) => policy.source),
    unused,
    newUsage: newUsage(input.replayed.calls),
    denied,
    wildcards: wildcardStatements(input.baseline, input.names, input.catalog),
    ecs: ecsFindings(input.role.name, input.window),
    unobservable,
    unmapped: input.replayed.notReplayable.reduce((sum, call) => sum + call.evidence.count, 0),
    totals: {
      granted: input.grants.length,
      used: distinct(input.replayed.calls.map((call) => call.action)),
      denied: distinct(denied.flatMap((group) => group.actions)),
    },
  };
}

/**
 * Calls of the window the baseline refuses: they fail once the baseline is applied. Replay keeps
 * calls apart by their known context (kms:ViaService); a reviewer reads them per action and
 * resource, so those with the same reason merge. Sorted by action, then resource.
 */
function newUsage(calls: readonly ReplayedCall[]): NewUsage[] {
  const merged = new Map<string, NewUsage>();
  for (const call of calls) {
    if (call.decision !== "denied" && call.decision !== "explicitly-denied") continue;
    const reason = call.decision === "explicitly-denied" ? `explicit Deny (${call.statements.map(statementLabel).join(", ")})` : "no statement allows it";
    const key = JSON.stringify([call.action, call.resource, reason]);
    const previous = merged.get(key);
    const evidence =
      previous === undefined
        ? call.evidence
        : mergeEvidence({ count: previous.calls, firstSeen: previous.firstSeen, lastSeen: previous.lastSeen, ...eventIdOf(previous.eventId) }, call.evidence);
    merged.set(key, {
      action: call.action,
      resource: call.resource,
      calls: evidence.count,
      firstSeen: evidence.firstSeen,
      lastSeen: evidence.lastSeen,
      reason,
      ...eventIdOf(evidence.eventId),
    });
  }
  return [...merged.values()].sort((a, b) => compareText(a.action, b.action) || compareText(a.resource, b.resource) || compareText(a.reason, b.reason));
}

function distinct(actions: readonly string[]): number {
  return new Set(actions.map((action) => action.toLowerCase())).size;
}
