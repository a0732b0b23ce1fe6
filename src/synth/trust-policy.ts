import { partitionOf } from "../iam/partition.js";
import { compareText } from "../mapping/order.js";
import type { TrustPolicyDocument } from "../policy/policy-document.js";

export const ECS_TASKS_PRINCIPAL = "ecs-tasks.amazonaws.com";

/** A region's name as AWS writes it (us-east-1, cn-north-1, us-gov-west-1), nothing that could be a pattern. */
const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

export interface TrustPolicyInput {
  readonly account: string; // the role's account: tasks of this account only
  /** Regions the role's calls were seen in: its tasks run there. Empty: any region. */
  readonly regions: readonly string[];
  /** Replaces the `arn:P:ecs:REGION:ACCOUNT:*` patterns, to narrow aws:SourceArn further. */
  readonly sourceArns?: readonly string[];
}

/**
 * The trust policy of an ECS task (or task execution) role: ecs-tasks.amazonaws.com may assume it,
 * only for tasks of the role's own account (`aws:SourceAccount`) in the regions it runs in
 * (`aws:SourceArn` like `arn:aws:ecs:REGION:ACCOUNT:*`), so that another account's tasks cannot
 * get ECS to assume it: the confused deputy guard. Source: ECS Developer Guide, "Amazon ECS task
 * IAM role", trust relationship with aws:SourceAccount and aws:SourceArn; IAM User Guide, "The
 * confused deputy problem".
 */
export function trustPolicy(input: TrustPolicyInput): TrustPolicyDocument {
  // Regions come from the logs: only region-shaped ones name where the tasks run.
  const regions = [...new Set(input.regions.filter((r) => REGION.test(r)))].sort(compareText);
  const sourceArns =
    input.sourceArns ??
    (regions.length === 0
      ? [`arn:aws:ecs:*:${input.account}:*`]
      : regions.map((region) => `arn:${partitionOf(region)}:ecs:${region}:${input.account}:*`));
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EcsTasksAssumeRole",
        Effect: "Allow",
        Principal: { Service: [ECS_TASKS_PRINCIPAL] },
        Action: ["sts:AssumeRole"],
        Condition: {
          ArnLike: { "aws:SourceArn": [...new Set(sourceArns)].sort(compareText) },
          StringEquals: { "aws:SourceAccount": [input.account] },
        },
      },
    ],
  };
}
