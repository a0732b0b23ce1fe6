/** A permission a logged call implies but CloudTrail never records. */
export interface ImpliedAction {
  /** The recorded IAM action, canonical casing as in iam-data: "logs:CreateLogStream". */
  readonly trigger: string;
  /** Actions the trigger's documented workflow goes on to call, which no trail setting records. */
  readonly implies: readonly string[];
  /** Short, for stderr and `tighten explain`. */
  readonly why: string;
  /** The AWS documentation page(s) that say both halves: the trigger is recorded, the implied call is not, and one needs the other. */
  readonly source: string;
}

const CWL_CLOUDTRAIL =
  "CloudWatch Logs User Guide, 'Logging CloudWatch Logs API and console operations in AWS CloudTrail' (the list of actions logged as events has CreateLogStream and not PutLogEvents)";
const XRAY_CLOUDTRAIL =
  "X-Ray Developer Guide, 'Logging X-Ray API calls with AWS CloudTrail' (GetSamplingTargets is logged as an AWS::XRay::Trace data event; GetSamplingRules is in neither the management nor the data event list)";

/**
 * Rows hold only the action: the caller builds the implied action's resource with the same ARN
 * builder from the same CloudTrail call, so a row is only here when the trigger's request names
 * the implied action's resource too, or the implied action takes no resource (`*`). Triggers
 * come from this table, never from a guess: a call that no logged call proves (X-Ray segments
 * from a daemon with local sampling, Firehose records from FireLens) has no row.
 */
export const IMPLIED_ACTIONS: readonly ImpliedAction[] = [
  {
    // A stream is created to be written to: the awslogs driver, FireLens and the CloudWatch agent
    // create their stream, then PutLogEvents to it with the same role. Both actions take the
    // log-stream resource type and the request's `logGroupName` (+ `logStreamName`) names it, so
    // the builder gives PutLogEvents the trigger's own `log-group:G:*` (or stream folder).
    trigger: "logs:CreateLogStream",
    implies: ["logs:PutLogEvents"],
    why: "CloudTrail does not record logs:PutLogEvents; a log stream is created to write log events to it",
    source: `${CWL_CLOUDTRAIL}; ECS Developer Guide, 'Using the awslogs log driver' (the role needs logs:CreateLogStream and logs:PutLogEvents)`,
  },
  {
    // Centralized sampling: the SDK or X-Ray daemon gets the rules, then reports per-rule
    // statistics (`SamplingStatisticsDocuments[].RuleName`) for quotas every 10 s. A recorded
    // GetSamplingTargets (only when the trail logs X-Ray data events) proves the rules were read.
    // Neither action has resource-level support in IAM: the builder gives `*`.
    trigger: "xray:GetSamplingTargets",
    implies: ["xray:GetSamplingRules"],
    why: "CloudTrail does not record xray:GetSamplingRules; sampling targets are requested for rules read with it",
    source: `${XRAY_CLOUDTRAIL}; X-Ray API Reference, CreateSamplingRule ('Services retrieve rules with GetSamplingRules ... After 10 seconds, the service reports back to X-Ray with GetSamplingTargets') and GetSamplingTargets (LastRuleModification)`,
  },
];

const BY_TRIGGER: ReadonlyMap<string, readonly ImpliedAction[]> = groupByTrigger(IMPLIED_ACTIONS);

/** The rows whose trigger is this action (case-insensitive on the action name), in table order. */
export function impliedBy(action: string): readonly ImpliedAction[] {
  return BY_TRIGGER.get(action.toLowerCase()) ?? [];
}

function groupByTrigger(rows: readonly ImpliedAction[]): Map<string, ImpliedAction[]> {
  const groups = new Map<string, ImpliedAction[]>();
  for (const row of rows) {
    const key = row.trigger.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}
