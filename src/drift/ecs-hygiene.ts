import { outcomeOf } from "../mapping/error-codes.js";
import type { RowExplanation } from "../mapping/explanation.js";
import { compareText } from "../mapping/order.js";
import type { EcsFinding } from "./drift-report.js";

/**
 * The invokedBy of calls the ECS agent makes with a task's execution role: pulling the image from
 * ECR, creating the awslogs stream, fetching the secrets and parameters it injects (ECS Developer
 * Guide, "Amazon ECS task execution IAM role"; CloudTrail records them with this invokedBy).
 */
export const ECS_AGENT = "ecs-tasks.amazonaws.com";

const ADVICE: Readonly<Record<EcsFinding["kind"], string>> = {
  "task-and-execution-role":
    "one role serves as both the task role and the execution role: split it into an execution role for the ECS agent's calls and a task role for the application's, so the application cannot pull images or read the secrets meant for injection, and the agent holds none of the application's permissions",
  "execution-role-application-calls":
    "the execution role makes application calls: give the task definition a task role (taskRoleArn) for them, and keep the execution role to the ECS agent's image pulls, log streams and secret injection",
};

/**
 * Whether a role mixes the ECS agent's calls (invokedBy ecs-tasks.amazonaws.com) with the
 * application's (successful calls made directly, without invokedBy). Calls an AWS service makes
 * for the application (KMS for S3, invokedBy s3.amazonaws.com) are neither, and calls that need no
 * permission (sts:GetCallerIdentity, which every SDK makes) show nothing about the role's use.
 * The kind follows the role's name: a role named as an execution role that makes application
 * calls is the execution role misused; any other is one role doing both jobs.
 */
export function ecsFindings(roleName: string, rows: readonly RowExplanation[]): EcsFinding[] {
  const agent = new Set<string>();
  const application = new Set<string>();
  for (const { row, outcome } of rows) {
    const call = `${row.eventSource}:${row.eventName}`;
    if (row.invokedBy === ECS_AGENT) agent.add(call);
    else if ((row.invokedBy ?? "") === "" && outcomeOf(row.errorCode) === "authorized" && outcome !== "no-permission-needed") application.add(call);
  }
  if (agent.size === 0 || application.size === 0) return [];
  const kind: EcsFinding["kind"] = /execution/i.test(roleName) ? "execution-role-application-calls" : "task-and-execution-role";
  return [{ kind, agentCalls: [...agent].sort(compareText), applicationCalls: [...application].sort(compareText), advice: ADVICE[kind] }];
}
