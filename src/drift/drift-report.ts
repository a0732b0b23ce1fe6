import type { ConditionalDeny } from "../diff/current-grants.js";
import type { RiskCategory } from "../diff/risk.js";
import type { PolicyStatement } from "../policy/policy-document.js";

/** What a periodic review of one role finds, against its baseline policy, over a window of logs. */
export interface RoleDrift {
  readonly role: string; // role ARN
  /** Where the baseline came from: policy files of the baseline directory, or IAM sources ("inline NAME", policy ARNs). */
  readonly baseline: readonly string[];
  /** Granted by the baseline, not used in the window; sorted by action. */
  readonly unused: readonly UnusedGrant[];
  /** Used in the window, not granted by the baseline: these calls break once the baseline is applied. */
  readonly newUsage: readonly NewUsage[];
  /** Calls refused with an authorization error in the window, grouped by action and error. */
  readonly denied: readonly DeniedCalls[];
  /** Baseline statements with a wildcard action, or `*` where an action could name a resource. */
  readonly wildcards: readonly WildcardStatement[];
  readonly ecs: readonly EcsFinding[];
  /**
   * Granted, not used in the window, and the logs could not have shown a use (logs:PutLogEvents,
   * data events the trail does not record): kept out of `unused`. Optional: added by drift.
   */
  readonly unobservable?: readonly UnobservableGrant[];
  /** Successful calls in the window the mapping could not name an action or resource for: drift cannot judge them. Optional: added by drift. */
  readonly unmapped?: number;
  /**
   * Findings an accepted-findings file (--accepted) covers: taken out of the lists above while the
   * acceptance holds; once it has expired the finding is back in its list too (it fails again) and
   * here with `expired` true. Optional: added by drift when --accepted is given.
   */
  readonly accepted?: readonly AcceptedFinding[];
  /** For the chart: distinct actions granted, used in the window, and refused. */
  readonly totals: { readonly granted: number; readonly used: number; readonly denied: number };
}

export interface UnusedGrant {
  readonly action: string;
  readonly resources: readonly string[]; // as the baseline grants them
  readonly accessLevel: string;
  readonly risks: readonly RiskCategory[];
  /** The last use the logs show before the window, or null when none. */
  readonly lastUsed: string | null;
  /** Baseline Denies that may refuse it under a Condition tighten cannot decide; empty when none. */
  readonly conditionallyDenied: readonly ConditionalDeny[];
}

export interface UnobservableGrant {
  readonly action: string;
  readonly resources: readonly string[]; // as the baseline grants them
  readonly why: string; // why CloudTrail cannot show a use
  /** Baseline Denies that may refuse it under a Condition tighten cannot decide; empty when none. */
  readonly conditionallyDenied: readonly ConditionalDeny[];
}

export interface NewUsage {
  readonly action: string;
  readonly resource: string;
  readonly calls: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Why the baseline refuses it: "no statement allows it", "explicit Deny (Sid)". */
  readonly reason: string;
  /** One of its events to look up in CloudTrail (the smallest eventID); absent when none has one. */
  readonly eventId?: string;
}

export interface DeniedCalls {
  /** The IAM action(s) the call needed; the CloudTrail call when the mapping could not tell. */
  readonly actions: readonly string[];
  readonly call: string; // "s3.amazonaws.com:DeleteObject"
  readonly errorCode: string;
  readonly calls: number;
  /** The first refused call of the group, ISO 8601. Optional: added by drift (groupDenied). */
  readonly firstSeen?: string;
  readonly lastSeen: string;
  /** One of the refused events to look up in CloudTrail (the smallest eventID); absent when none has one. */
  readonly eventId?: string;
  readonly resources: readonly string[];
  /** The statement that would allow them: shown for a reviewer to decide, never applied. */
  readonly suggestion: PolicyStatement | null;
}

export interface WildcardStatement {
  readonly statement: string; // its Sid, or "policy N statement M"
  readonly source: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly why: string; // "wildcard action iam:*", "Resource * for s3:GetObject, which can name a resource"
}

export type EcsFindingKind = "task-and-execution-role" | "execution-role-application-calls";

export interface EcsFinding {
  readonly kind: EcsFindingKind;
  /** The ECS agent's calls (image pulls, log streams, secret injection; invokedBy ecs-tasks.amazonaws.com). */
  readonly agentCalls: readonly string[];
  /** The application's calls made with the same role. */
  readonly applicationCalls: readonly string[];
  readonly advice: string;
}

export interface DriftReport {
  /** The window reviewed, ISO 8601; until null: up to the newest log. */
  readonly window: { readonly since: string; readonly until: string | null };
  readonly roles: readonly RoleDrift[];
  /** The accepted-findings file applied (--accepted), when one was. */
  readonly acceptedFrom?: string;
}

/** A finding of a role that an entry of the accepted-findings file covers. */
export interface AcceptedFinding {
  readonly kind: "unused" | "high-risk" | "new-usage" | "denied";
  /** The action; for denied calls that need several, all of them, comma-separated. */
  readonly action: string;
  readonly resources: readonly string[];
  /** Calls in the window (new usage, denied); null for unused grants. */
  readonly calls: number | null;
  readonly reason: string;
  /** YYYY-MM-DD: the last day the acceptance holds. */
  readonly expires: string;
  readonly expired: boolean;
  /** The entry's position in the file, from 1. */
  readonly entry: number;
}

export type FailOn = "drift" | "denied" | "wildcards" | "ecs";
