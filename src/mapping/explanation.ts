import type { RoleArn } from "../engines/role-selection.js";
import type { UsageRow } from "../engines/usage-row.js";
import type { PolicyCondition } from "../policy/policy-document.js";
import type { NamePattern } from "./name-patterns.js";

/**
 * How one usage row was mapped, step by step: what `tighten explain` prints and what mapUsage
 * folds into Permissions, Unmapped and Denied. Each step says where its answer came from, so a
 * reviewer can check it against the AWS documentation the tables cite.
 */
export interface RowExplanation {
  readonly row: UsageRow;
  readonly outcome: RowOutcome;
  readonly servicePrefix: string;
  /** Where the prefix came from: "eventSource host" or "exception table: <source comment>". */
  readonly servicePrefixVia: string;
  /** Empty for calls that need no permission (sts:GetCallerIdentity) and for unknown services. */
  readonly actions: readonly ActionExplanation[];
  /** Why the row gave no permission at all, when it gave none (unknown service, failed authentication). */
  readonly note: string | null;
}

export type RowOutcome =
  | "granted" // succeeded, or failed after authorization (NoSuchKey, ConditionalCheckFailed)
  | "denied" // failed authorization: never granted
  | "failed" // failed with an error that does not show authorization passed (ValidationException): not granted unless asked
  | "unauthenticated" // failed before IAM evaluated it (ExpiredToken, InvalidClientTokenId)
  | "no-permission-needed" // e.g. sts:GetCallerIdentity
  | "unknown-service"; // iam-data has no such service prefix

export interface ActionExplanation {
  readonly action: string; // "s3:GetObject"; for an action iam-data lacks, the name tried
  readonly exists: boolean; // in iam-data
  /**
   * "event name", "event name without version suffix", "exception table: <source>", or
   * "undetermined (exception table: <source>)" for candidates.
   */
  readonly actionVia: string;
  /**
   * One of several actions the call may have needed, which the row cannot tell apart
   * (DynamoDB TransactWriteItems: PutItem, UpdateItem, DeleteItem or ConditionCheckItem).
   * Never granted: `unmapped` says why.
   */
  readonly candidate: boolean;
  /** ARNs, ARN patterns or ["*"]; empty when `unmapped` says why. */
  readonly resources: readonly string[];
  /**
   * How the resources were derived: "no resource-level support (iam-data)", "resources[]",
   * "requestParameters.queueUrl", "object keys: 3 exact", "object keys: folder of 240", ...
   */
  readonly resourcesVia: string | null;
  readonly unmapped: string | null; // why no resource could be named, when none could
  /**
   * Set for an action no logged call shows but a logged call implies (implied-actions.ts):
   * `logs:PutLogEvents` beside `logs:CreateLogStream`. Granted, never replayed as a call.
   */
  readonly implied?: string;
  /** For resources granted as patterns of the names the call used (S3 keys, log streams): each pattern and why. */
  readonly names?: readonly NamePattern[];
  /**
   * The condition the grant carries, when the call shows one is right: `kms:ViaService` for KMS
   * calls a service made on the role's behalf, `iam:PassedToService` for iam:PassRole. Absent otherwise.
   */
  readonly conditions?: PolicyCondition;
  /** Where the condition came from: "invokedBy s3.amazonaws.com (KMS_VIA_SERVICES)", ... */
  readonly conditionsVia?: string;
}

/** Every usage row of one role with how it maps (`tighten explain`). */
export interface RoleExplanation {
  readonly role: RoleArn;
  readonly rows: readonly RowExplanation[];
}
