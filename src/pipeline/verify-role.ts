import type { UsageSource } from "../engines/engine.js";
import type { UsageRow } from "../engines/usage-row.js";
import type { RoleArn } from "../engines/role-selection.js";
import { outcomeOf } from "../mapping/error-codes.js";
import type { ActionExplanation, RowExplanation } from "../mapping/explanation.js";
import { mergeEvidence } from "../mapping/map-usage.js";
import { compareTextLists } from "../mapping/order.js";
import { evidenceOf, type Evidence } from "../mapping/permission.js";
import type { KnownContext } from "../policy/condition-match.js";
import { evaluate, type Decision } from "../policy/evaluate.js";
import type { CallTally, NotReplayable, Replay, ReplayedCall, RoleVerification } from "../policy/replay.js";
import type { NormalizedPolicy } from "../policy/normalized-policy.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { explainRow } from "../mapping/explain-row.js";
import { usageOf } from "./role-usage.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "../mapping/generalization.js";
import { servicePrefixesFor } from "../mapping/map-usage.js";
import { compareText } from "../mapping/order.js";

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

  const asked = conditionKeysOf(policies);
  // Each replayed row and the pairs it needed, to count calls once the pairs are evaluated.
  const rowPairs: { count: number; keys: string[]; replayable: boolean }[] = [];
  for (const { row, outcome, actions, note } of rows) {
    if (outcomeOf(row.errorCode) !== "authorized") continue;
    if (outcome === "unknown-service") {
      skip(row, null, note ?? `unknown service for eventSource ${row.eventSource}`);
      rowPairs.push({ count: row.count, keys: [], replayable: false });
    }
    if (outcome !== "granted") continue;
    const replayedRow = { count: row.count, keys: [] as string[], replayable: true };
    rowPairs.push(replayedRow);
    // Implied actions (logs:PutLogEvents beside CreateLogStream) were never called: nothing to replay.
    for (const action of actions.filter((a) => a.implied === undefined)) {
      if (action.unmapped !== null || !action.exists) {
        skip(row, action.action, action.unmapped ?? `iam-data has no action ${action.action}`);
        replayedRow.replayable = false;
        continue;
      }
      const context = sortedContext({ ...eventContext(row, asked), ...contextOf(action) });
      for (const resource of action.resources) {
        const key = JSON.stringify([action.action, resource, context]);
        replayedRow.keys.push(key);
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

  const decisions = new Map<string, Answer>();
  const replayed = [...calls.entries()]
    .sort(([a], [b]) => compareTextLists(JSON.parse(a) as string[], JSON.parse(b) as string[]))
    .map(([key, { action, resource, context, calls: names, evidence }]): ReplayedCall => {
      const { decision, statements } = evaluate(policies, { action, resource, context });
      // A pattern the policies refuse in full (no Allow reaches any name of it) refuses every
      // call on it; one they refuse in part leaves the calls undetermined.
      const outright = refuses(decision) && (isExactResource(resource) || refuses(evaluate(policies, { action, resource, context, reading: "any" }).decision));
      decisions.set(key, { decision, outright });
      return { action, resource, context, decision, inPart: refuses(decision) && !outright, statements, calls: [...names].sort(), evidence };
    });
  const notReplayable = [...unreplayable.values()].sort((a, b) =>
    compareTextLists([a.eventSource, a.eventName, a.action ?? "", a.reason], [b.eventSource, b.eventName, b.action ?? "", b.reason]),
  );
  return { calls: replayed, notReplayable, tally: tallyCalls(rowPairs, decisions) };
}

/** How the policies answered one replayed (action, resource, context); `outright`: refused for every name it stands for. */
interface Answer {
  readonly decision: Decision;
  readonly outright: boolean;
}

function refuses(decision: Decision): boolean {
  return decision === "denied" || decision === "explicitly-denied";
}

function tallyCalls(rows: readonly { count: number; keys: readonly string[]; replayable: boolean }[], decisions: ReadonlyMap<string, Answer>): CallTally {
  const tally = { calls: 0, allowed: 0, refused: 0, conditional: 0, undetermined: 0, notReplayable: 0 };
  for (const { count, keys, replayable } of rows) {
    tally.calls += count;
    const answers = keys.map((key) => decisions.get(key) as Answer);
    const refusing = answers.filter((a) => refuses(a.decision));
    if (refusing.some((a) => a.outright)) tally.refused += count;
    else if (refusing.length > 0) tally.undetermined += count;
    else if (!replayable) tally.notReplayable += count;
    else if (answers.some((a) => a.decision === "conditionally-allowed")) tally.conditional += count;
    else tally.allowed += count;
  }
  return tally;
}

/** A resource that names one thing: "*" (no resource-level permissions) or an ARN without wildcards. */
function isExactResource(resource: string): boolean {
  return resource === "*" || !/[*?]/.test(resource.replace(/\$\{[*?$]\}/g, ""));
}

/**
 * A usage row of several names (S3 keys, log streams) as one row per name, each with that name's
 * calls and times: so that a replay decides and counts each name's calls on their own, rather than
 * a folder's total on a pattern. An exact scan gives one name per shape.
 */
export function rowsByName(row: UsageRow): UsageRow[] {
  if (row.objectKeys === null || row.objectKeys.shapes.length <= 1) return [row];
  return row.objectKeys.shapes.map((shape) => ({
    ...row,
    objectKeys: { distinct: shape.names, exact: row.objectKeys?.exact ?? false, shapes: [shape] },
    count: shape.calls,
    firstSeen: shape.firstSeen,
    lastSeen: shape.lastSeen,
  }));
}

/**
 * The rules a replay maps calls with: every S3 key and log stream as itself, so that each call is
 * judged on the name it used; the rest (secret suffixes, index ARNs) as the policy was made with.
 */
export function replayGeneralization(generalization: Generalization): Generalization {
  return { ...generalization, s3ObjectKeys: "exact", s3Prefixes: {}, logStreams: "exact" };
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

/**
 * Global condition keys every CloudTrail record shows the value of (IAM User Guide, "AWS global
 * condition context keys"): the region the request was sent to is the record's awsRegion
 * (CloudTrail User Guide, "CloudTrail record contents"; calls to global services such as IAM are
 * recorded in us-east-1, the region IAM gives them for aws:RequestedRegion too), and the principal
 * is the role, so its ARN and account are known.
 */
const EVENT_CONTEXT: readonly { readonly key: string; readonly value: (row: RowExplanation["row"]) => string | undefined }[] = [
  { key: "aws:RequestedRegion", value: (row) => row.region || undefined },
  { key: "aws:PrincipalArn", value: (row) => (/^arn:[^:]+:iam::\d{12}:role\//.test(row.principal) ? row.principal : undefined) },
  { key: "aws:PrincipalAccount", value: (row) => /^arn:[^:]+:iam::(\d{12}):/.exec(row.principal)?.[1] },
];

/** The event's values for the keys the policies' Conditions ask about: a key no policy tests would only split calls apart. */
function eventContext(row: RowExplanation["row"], asked: ReadonlySet<string>): Record<string, string> {
  const context: Record<string, string> = {};
  for (const { key, value } of EVENT_CONTEXT) {
    const known = asked.has(key.toLowerCase()) ? value(row) : undefined;
    if (known !== undefined) context[key] = known;
  }
  return context;
}

function conditionKeysOf(policies: readonly NormalizedPolicy[]): Set<string> {
  const keys = policies.flatMap((policy) => policy.statements).flatMap((statement) => Object.values(statement.conditions).flatMap((byKey) => Object.keys(byKey)));
  return new Set(keys.map((key) => key.toLowerCase()));
}

function sortedContext(context: Record<string, string>): KnownContext {
  return Object.fromEntries(Object.entries(context).sort(([a], [b]) => compareText(a, b)));
}

/**
 * Reads the role's usage from the source and replays each call through the policies, one row per
 * name it used (rowsByName) with every key and stream as itself (replayGeneralization); the other
 * rules must be the ones the policy was generated with (a secret named `NAME-??????`). The source
 * should keep names apart (NameReduction "exact"): a shape it folded is replayed as its pattern.
 */
export async function verifyRole(
  source: UsageSource,
  role: RoleArn,
  policies: readonly NormalizedPolicy[],
  generalization: Generalization = DEFAULT_GENERALIZATION,
): Promise<RoleVerification> {
  const usage = await usageOf(source, [role.arn]);
  const rows = usage.rows.flatMap(rowsByName);
  const catalog = await loadIamCatalog(servicePrefixesFor(rows));
  const replay = replayGeneralization(generalization);
  return { role, ...replayCalls(rows.map((row) => explainRow(row, catalog, replay, usage.profiles)), policies) };
}
