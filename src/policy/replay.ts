import type { RoleArn } from "../engines/role-selection.js";
import type { Evidence } from "../mapping/permission.js";
import type { KnownContext } from "./condition-match.js";
import type { Decision, MatchedStatement } from "./evaluate.js";

// What replaying observed calls through policies found (verify, backtest, diff, drift): plain data
// that the pipeline makes and the renderers read.

/** One action on one resource (ARN, ARN pattern or "*") the role was seen to use, replayed. */
export interface ReplayedCall {
  readonly action: string;
  readonly resource: string;
  /** What the logs show of the calls' request context (kms:ViaService of a call S3 made for the role). */
  readonly context: KnownContext;
  readonly decision: Decision;
  /**
   * A refused pattern (a copy source's folder, every version of a function) that the policies
   * grant in part: its calls are undetermined rather than refused.
   */
  readonly inPart: boolean;
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

/**
 * The successful calls replayed, counted per CloudTrail call (not per action/resource pair): a
 * call is refused when the policy refuses any action it needed, conditional when a Condition the
 * logs cannot decide is all that allows one, undetermined when its resource is a pattern (a folder
 * of names, `log-group:G:*`) that the policy grants only in part, so that the logs cannot say
 * which of the calls it would refuse. A pattern the policy grants no part of refuses them all.
 */
export interface CallTally {
  readonly calls: number;
  readonly allowed: number;
  readonly refused: number;
  readonly conditional: number;
  readonly undetermined: number;
  readonly notReplayable: number;
}

export interface Replay {
  /** Every replayed (action, resource), sorted; `decision` says how the policy answered. */
  readonly calls: readonly ReplayedCall[];
  readonly notReplayable: readonly NotReplayable[];
  readonly tally: CallTally;
}

export interface RoleVerification extends Replay {
  readonly role: RoleArn;
}

/** The calls a policy would refuse: denied, implicitly or explicitly. */
export function deniedCalls(replay: Replay): ReplayedCall[] {
  return replay.calls.filter((call) => call.decision === "denied" || call.decision === "explicitly-denied");
}
