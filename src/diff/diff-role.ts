import type { IamCatalog } from "../iam/catalog.js";
import { splitActionName } from "../iam/catalog.js";
import type { Denied } from "../mapping/permission.js";
import { whyUnobservable } from "../mapping/unobservable-actions.js";
import { statementLabel } from "../policy/evaluate.js";
import type { PolicyDocument } from "../policy/policy-document.js";
import type { ReplayedCall } from "../policy/replay.js";
import type { Grant } from "./current-grants.js";
import type { UncarriedGrant } from "./unobservable-grants.js";
import { risksOf } from "./risk.js";
import type { ActionChange, ChangeKind, CurrentPolicySource, RoleDiff } from "./role-diff.js";
import { compareText } from "../mapping/order.js";

export interface RoleDiffInput {
  readonly role: string;
  readonly current: readonly CurrentPolicySource[];
  readonly permissionsBoundary: string | null;
  /** What the current policies allow, per action (currentGrants). */
  readonly grants: readonly Grant[];
  /** The generated policy, carried-over grants included. */
  readonly generated: PolicyDocument;
  /** The role's successful calls, replayed through the current policies. */
  readonly replayed: readonly ReplayedCall[];
  readonly denied: readonly Denied[];
  readonly unmapped: number;
  /** Data event types the logs show the trail records (recordedDataEventTypes). */
  readonly recordedDataEvents: ReadonlySet<string>;
  /** Unobservable grants not carried over (conditional, NotResource), with the reason. */
  readonly uncarried: readonly UncarriedGrant[];
  readonly catalog: IamCatalog;
}

/**
 * One role's review: each action the current policy grants, the generated one grants or the role
 * used, and what tightening does to it (see ChangeKind). Pure: everything is passed in.
 */
export function diffRole(input: RoleDiffInput): RoleDiff {
  const grants = new Map(input.grants.map((grant) => [grant.action.toLowerCase(), grant]));
  const generated = generatedResources(input.generated);
  const uncarried = new Map(input.uncarried.map((grant) => [grant.action.toLowerCase(), grant.reason]));
  const used = new Map<string, ReplayedCall[]>();
  for (const call of input.replayed) used.set(call.action.toLowerCase(), [...(used.get(call.action.toLowerCase()) ?? []), call]);

  const names = new Map<string, string>();
  for (const action of [...grants.values()].map((g) => g.action)) names.set(action.toLowerCase(), action);
  // What the generated policy grants; the Denies it keeps from the current policy (guardrails, with
  // actions such as "*" or "s3:*") grant nothing.
  const generatedActions = input.generated.Statement.filter((statement) => statement.Effect === "Allow").flatMap((statement) => statement.Action);
  for (const action of [...generatedActions, ...input.replayed.map((call) => call.action)]) {
    if (!names.has(action.toLowerCase())) names.set(action.toLowerCase(), action);
  }

  const changes = [...names.entries()].map(([key, action]): ActionChange => {
    const grant = grants.get(key);
    const calls = used.get(key) ?? [];
    const generatedFor = [...(generated.get(key) ?? [])].sort();
    const current = grant?.resources ?? [];
    const [change, classified] = classify(action, grant, calls, generatedFor, input.recordedDataEvents);
    const note = change === "unobservable" ? (uncarried.get(key) ?? classified) : classified;
    const accessLevel = accessLevelOf(action, input.catalog);
    return {
      action,
      change,
      accessLevel,
      risks: risksOf(action, accessLevel, current.length > 0 ? current : generatedFor),
      current,
      currentConditional: grant?.conditional ?? false,
      generated: generatedFor,
      used: calls.length === 0 ? null : usage(calls),
      note,
      conditionallyDenied: conditionallyDenied(grant, calls),
    };
  });
  changes.sort((a, b) => compareText(a.action, b.action));

  return {
    role: input.role,
    current: input.current,
    permissionsBoundary: input.permissionsBoundary,
    changes,
    denied: deniedActions(input.denied),
    unmapped: input.unmapped,
  };
}

function classify(
  action: string,
  grant: Grant | undefined,
  calls: readonly ReplayedCall[],
  generated: readonly string[],
  recorded: ReadonlySet<string>,
): [ChangeKind, string | null] {
  if (calls.length > 0) {
    const refused = calls.filter((call) => call.decision === "denied" || call.decision === "explicitly-denied");
    if (refused.length > 0) return ["added", refusals(refused)];
    return [sameSet(grant?.resources ?? [], generated) ? "kept" : "narrowed", null];
  }
  if (grant === undefined) return ["added", "granted by the generated policy without an observed call"];
  const unobservable = whyUnobservable(action, recorded);
  if (unobservable !== null) return ["unobservable", unobservable];
  return ["removed", null];
}

/**
 * The grant's undecidable Denies; for a used action only those a call still left open (a region
 * fence its calls' regions passed is decided, and not shown).
 */
function conditionallyDenied(grant: Grant | undefined, calls: readonly ReplayedCall[]): Grant["conditionallyDenied"] {
  const denies = grant?.conditionallyDenied ?? [];
  if (calls.length === 0) return denies;
  const open = new Set(
    calls.filter((call) => call.decision === "conditionally-allowed").flatMap((call) => call.statements.filter((s) => s.effect === "Deny").map(statementLabel)),
  );
  return denies.filter((deny) => open.has(deny.statement));
}

/** "the current policy refuses it on arn:...: explicit Deny (DenyDeletes)", one clause per resource. */
function refusals(calls: readonly ReplayedCall[]): string {
  const clauses = calls.map((call) => {
    if (call.decision === "explicitly-denied") {
      return `${call.resource}: explicit Deny (${call.statements.map(statementLabel).join(", ")})`;
    }
    return `${call.resource}: no statement allows it`;
  });
  return `the current policy refuses ${clauses.join("; ")}`;
}

function usage(calls: readonly ReplayedCall[]): { calls: number; lastSeen: string } {
  return {
    calls: calls.reduce((sum, call) => sum + call.evidence.count, 0),
    lastSeen: calls.map((call) => call.evidence.lastSeen).reduce((a, b) => (a > b ? a : b)),
  };
}

function generatedResources(document: PolicyDocument): Map<string, Set<string>> {
  const byAction = new Map<string, Set<string>>();
  for (const statement of document.Statement) {
    if (statement.Effect !== "Allow") continue;
    for (const action of statement.Action) {
      const set = byAction.get(action.toLowerCase()) ?? new Set<string>();
      for (const resource of statement.Resource) set.add(resource);
      byAction.set(action.toLowerCase(), set);
    }
  }
  return byAction;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);
}

function accessLevelOf(action: string, catalog: IamCatalog): string {
  const [service, name] = splitActionName(action);
  if (!catalog.hasService(service)) return "Unknown";
  return catalog.action(service, name)?.accessLevel ?? "Unknown";
}

function deniedActions(denied: readonly Denied[]): RoleDiff["denied"] {
  const byKey = new Map<string, { action: string; errorCode: string; calls: number }>();
  for (const call of denied) {
    const actions = call.actions.length > 0 ? call.actions : [`${call.eventSource}:${call.eventName}`];
    for (const action of actions) {
      const key = `${action} ${call.errorCode}`;
      const entry = byKey.get(key) ?? { action, errorCode: call.errorCode, calls: 0 };
      entry.calls += call.evidence.count;
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => compareText(a.action, b.action) || compareText(a.errorCode, b.errorCode));
}
