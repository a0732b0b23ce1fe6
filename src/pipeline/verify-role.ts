import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import { outcomeOf } from "../mapping/error-codes.js";
import type { ActionExplanation, RowExplanation } from "../mapping/explanation.js";
import { mergeEvidence } from "../mapping/map-usage.js";
import { compareTextLists } from "../mapping/order.js";
import { evidenceOf, type Evidence } from "../mapping/permission.js";
import type { KnownContext } from "../policy/condition-match.js";
import { evaluate, type Decision, type MatchedStatement } from "../policy/evaluate.js";
import type { NormalizedPolicy } from "../policy/normalized-policy.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { explainRow } from "../mapping/explain-row.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "../mapping/generalization.js";
import { servicePrefixesFor } from "../mapping/map-usage.js";
import { compareText } from "../mapping/order.js";

/** One action on one resource (ARN, ARN pattern or "*") the role was seen to use, replayed. */
export interface ReplayedCall {
  readonly action: string;
  readonly resource: string;
  /** What the logs show of the calls' request context (kms:ViaService of a call S3 made for the role). */
  readonly context: KnownContext;
  readonly decision: Decision;
  readonly statements: readonly MatchedStatement[];
  /** The CloudTrail calls that needed it: "s3.amazonaws.com:GetObject". */
  readonly calls: readonly string[];
  readonly evidence: Evidence;
}

/** A successful call whose action or resource mapping could not name: it cannot be replayed. */
export interface NotReplayable {
  readonly eventSource: string;
  readonly eventName: string;
  readonly action: string | null;
  readonly reason: string;
  readonly evidence: Evidence;
}

export interface Replay {
  /** Every replayed (action, resource), sorted; `decision` says how the policy answered. */
  readonly calls: readonly ReplayedCall[];
  readonly notReplayable: readonly NotReplayable[];
}

/**
 * Replays what a role did through policies: each action every successful call needed (as
 * explainRow names it, the same answer generate used) on each of its resources. Calls that were
 * denied or failed authentication are not replayed: they were never allowed. Calls whose action or
 * resource the mapping could not name are listed with its reason rather than guessed at. What
 * the logs show of a call's context (see contextOf) is given to the evaluator, so that a Condition
 * on it is decided; any other Condition leaves the call conditionally allowed.
 */
export function replayCalls(rows: readonly RowExplanation[], policies: readonly NormalizedPolicy[]): Replay {
  const calls = new Map<string, { action: string; resource: string; context: KnownContext; calls: Set<string>; evidence: Evidence }>();
  const unreplayable = new Map<string, NotReplayable>();
  const skip = (row: RowExplanation["row"], action: string | null, reason: string) => {
    const key = JSON.stringify([row.eventSource, row.eventName, action, reason]);
    const previous = unreplayable.get(key);
    const evidence = previous === undefined ? evidenceOf(row) : mergeEvidence(previous.evidence, evidenceOf(row));
    unreplayable.set(key, { eventSource: row.eventSource, eventName: row.eventName, action, reason, evidence });
  };

  for (const { row, outcome, actions, note } of rows) {
    if (outcomeOf(row.errorCode) !== "authorized") continue;
    if (outcome === "unknown-service") skip(row, null, note ?? `unknown service for eventSource ${row.eventSource}`);
    if (outcome !== "granted") continue;
    for (const action of actions) {
      if (action.unmapped !== null || !action.exists) {
        skip(row, action.action, action.unmapped ?? `iam-data has no action ${action.action}`);
        continue;
      }
      const context = contextOf(action);
      for (const resource of action.resources) {
        const key = JSON.stringify([action.action, resource, context]);
        const entry = calls.get(key);
        if (entry === undefined) {
          calls.set(key, { action: action.action, resource, context, calls: new Set([`${row.eventSource}:${row.eventName}`]), evidence: evidenceOf(row) });
        } else {
          entry.calls.add(`${row.eventSource}:${row.eventName}`);
          entry.evidence = mergeEvidence(entry.evidence, evidenceOf(row));
        }
      }
    }
  }

  const replayed = [...calls.entries()]
    .sort(([a], [b]) => compareTextLists(JSON.parse(a) as string[], JSON.parse(b) as string[]))
    .map(([, { action, resource, context, calls: names, evidence }]): ReplayedCall => {
      const { decision, statements } = evaluate(policies, { action, resource, context });
      return { action, resource, context, decision, statements, calls: [...names].sort(), evidence };
    });
  const notReplayable = [...unreplayable.values()].sort((a, b) =>
    compareTextLists([a.eventSource, a.eventName, a.action ?? "", a.reason], [b.eventSource, b.eventName, b.action ?? "", b.reason]),
  );
  return { calls: replayed, notReplayable };
}

/**
 * The context keys a call is known to have had: the mapping attaches a condition only when the
 * call shows it holds (`kms:ViaService` = the invoking service's endpoint, `iam:PassedToService`),
 * so a StringEquals with a single value is a fact about the call. Sorted keys, for grouping.
 */
export function contextOf(action: Pick<ActionExplanation, "conditions">): KnownContext {
  const context: Record<string, string> = {};
  for (const [operator, keys] of Object.entries(action.conditions ?? {})) {
    if (operator !== "StringEquals") continue;
    for (const [key, values] of Object.entries(keys)) if (values.length === 1) context[key] = values[0] as string;
  }
  return Object.fromEntries(Object.entries(context).sort(([a], [b]) => compareText(a, b)));
}

export interface RoleVerification extends Replay {
  readonly role: RoleArn;
}

/**
 * Reads the role's usage from the source and replays it through the policies. The generalization
 * must be the one the policy was generated with: replaying exact keys against a policy that names
 * them is fine either way, but a folder pattern against exact keys would report a false denial.
 */
export async function verifyRole(
  source: UsageSource,
  role: RoleArn,
  policies: readonly NormalizedPolicy[],
  generalization: Generalization = DEFAULT_GENERALIZATION,
): Promise<RoleVerification> {
  const rows = await source.usage([role.arn]);
  const catalog = await loadIamCatalog(servicePrefixesFor(rows));
  return { role, ...replayCalls(rows.map((row) => explainRow(row, catalog, generalization)), policies) };
}

/** The calls a policy would refuse: denied, implicitly or explicitly. */
export function deniedCalls(replay: Replay): ReplayedCall[] {
  return replay.calls.filter((call) => call.decision === "denied" || call.decision === "explicitly-denied");
}
