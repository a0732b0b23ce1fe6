import type { RoleArn } from "../engines/role-selection.js";
import type { PolicyDocument } from "../policy/policy-document.js";
import type { Permission } from "../mapping/permission.js";
import { mergeEvidence } from "../mapping/map-usage.js";
import type { Evidence } from "../mapping/permission.js";
import { compareText } from "../mapping/order.js";
import type { CallTally, NotReplayable, Replay } from "../policy/replay.js";
import { refusalCause, type RefusalCause } from "./refusal-cause.js";

/** Refused calls of one action and cause (and, for "too-narrow", one pattern that would have allowed them). */
export interface Refusal {
  readonly action: string;
  readonly cause: RefusalCause;
  /** Refused on patterns the policy grants in part: these calls are undetermined, not refused. */
  readonly inPart: boolean;
  /** Calls that needed it (a call needing two refused actions counts in both). */
  readonly calls: number;
  readonly resources: number; // distinct resources refused
  readonly examples: readonly string[]; // the first few, sorted
  readonly evidence: Evidence;
}

export interface RoleBacktest {
  readonly role: RoleArn;
  /** The policy made from the calls before the split. */
  readonly policy: PolicyDocument;
  /** Successful calls before the split, from which the policy was made. */
  readonly before: { readonly calls: number; readonly permissions: number };
  /** Successful calls after the split, replayed through that policy, one by one. */
  readonly after: CallTally;
  /** Refused calls by action and cause, what breaks first (most calls) first. */
  readonly refusals: readonly Refusal[];
  readonly notReplayable: readonly NotReplayable[];
}

const EXAMPLES = 3;

/**
 * One role's backtest: the replay of its later calls through the policy made from its earlier
 * ones (`policy`, from the permissions `granted`), with each refusal's cause.
 */
export function backtestRole(role: RoleArn, policy: PolicyDocument, granted: readonly Permission[], beforeCalls: number, replay: Replay): RoleBacktest {
  const groups = new Map<string, { action: string; cause: RefusalCause; inPart: boolean; calls: number; resources: string[]; evidence: Evidence }>();
  for (const call of replay.calls) {
    if (call.decision !== "denied" && call.decision !== "explicitly-denied") continue;
    const cause = refusalCause(call.action, call.resource, granted);
    // One line per reason: refusals of one action for different reasons (another folder) stay apart.
    const key = JSON.stringify([call.action, cause.kind, cause.why, "wouldAllow" in cause ? cause.wouldAllow : "", call.inPart]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { action: call.action, cause, inPart: call.inPart, calls: call.evidence.count, resources: [call.resource], evidence: call.evidence });
    else {
      group.calls += call.evidence.count;
      group.resources.push(call.resource);
      group.evidence = mergeEvidence(group.evidence, call.evidence);
    }
  }
  const refusals = [...groups.values()]
    .map(({ action, cause, inPart, calls, resources, evidence }) => ({
      action,
      cause,
      inPart,
      calls,
      resources: resources.length,
      examples: [...resources].sort(compareText).slice(0, EXAMPLES),
      evidence,
    }))
    .sort((a, b) => b.calls - a.calls || compareText(a.action, b.action) || compareText(a.cause.kind, b.cause.kind) || compareText(a.cause.why, b.cause.why) || Number(a.inPart) - Number(b.inPart));
  return {
    role,
    policy,
    before: { calls: beforeCalls, permissions: granted.length },
    after: replay.tally,
    refusals,
    notReplayable: replay.notReplayable,
  };
}

/** Calls a replay could judge: the share refused is of these. */
export function replayableCalls(tally: CallTally): number {
  return tally.calls - tally.notReplayable;
}
