import { parseArn } from "../iam/arn.js";
import { partitionOf } from "../iam/partition.js";
import type { PolicyStatement } from "../policy/policy-document.js";
import type { EnvironmentSecret } from "./environment-secrets.js";
import type { TaskDefinition } from "./task-definition.js";

/** Shown in an ARN in place of what neither the task definition nor a flag says. */
export const UNKNOWN_REGION = "REGION";
export const UNKNOWN_ACCOUNT = "ACCOUNT";

export interface LocationFlags {
  readonly region?: string | undefined;
  readonly account?: string | undefined;
}

export type RegionSource = "task-definition-arn" | "--region" | "unknown";
export type AccountSource = "task-definition-arn" | "execution-role-arn" | "task-role-arn" | "--account" | "unknown";

/** Where the replacing secrets would live: the task's own account and region, as far as known. */
export interface SecretLocation {
  readonly partition: string;
  readonly region: string;
  readonly regionFrom: RegionSource;
  readonly account: string;
  readonly accountFrom: AccountSource;
}

/** What replaces one flagged `environment` entry. */
export interface SecretReplacement {
  /** `FAMILY/VARIABLE`, or `FAMILY/CONTAINER/VARIABLE` when containers hold different values under one name. */
  readonly secretName: string;
  /** The container's new `secrets` entry. */
  readonly secretsEntry: { readonly name: string; readonly valueFrom: string };
  /** What the task execution role needs to read it. */
  readonly statement: PolicyStatement;
}

// ECS reads `secrets` with the task execution role at start-up, so that role, not the task role,
// needs GetSecretValue (ECS Developer Guide, "Amazon ECS task execution IAM role": Secrets Manager).
export const GET_SECRET_VALUE = "secretsmanager:GetSecretValue";

export const KMS_NOTE =
  "If a customer managed KMS key encrypts a secret, the execution role also needs kms:Decrypt on that key; the default aws/secretsmanager key needs no grant.";

export const NO_EXECUTION_ROLE_NOTE = "The task definition has no executionRoleArn: ECS injects secrets with the task execution role, so it needs one.";

// A task gets AWS credentials from its task role, rotated by ECS (ECS Developer Guide, "Amazon ECS
// task IAM role"); long-term keys in a secret are still long-term keys.
export const ACCESS_KEY_NOTE =
  "AWS access keys are better replaced by the task role (taskRoleArn), whose temporary credentials ECS rotates; then deactivate the keys in IAM.";

// The values were readable by anyone who could describe the task definition (its every revision
// keeps them), so moving them is not enough.
export const ROTATE_NOTE = "Rotate each flagged value after moving it: every revision of the task definition still holds it.";

/**
 * The task's account and region, from the most direct evidence first: the task definition ARN
 * (where it is registered, so where its tasks run), then the execution and task role ARNs (IAM
 * ARNs carry an account but no region, and a role is always in the task's account), then the
 * flags, then the REGION/ACCOUNT placeholders.
 */
export function secretLocation(definition: Pick<TaskDefinition, "arn" | "executionRoleArn" | "taskRoleArn">, flags: LocationFlags): SecretLocation {
  const own = definition.arn === null ? undefined : parseArn(definition.arn);
  const execution = definition.executionRoleArn === null ? undefined : parseArn(definition.executionRoleArn);
  const task = definition.taskRoleArn === null ? undefined : parseArn(definition.taskRoleArn);

  const ownRegion = own?.region;
  const [region, regionFrom]: [string, RegionSource] = nonEmpty(ownRegion)
    ? [ownRegion, "task-definition-arn"]
    : flags.region !== undefined
      ? [flags.region, "--region"]
      : [UNKNOWN_REGION, "unknown"];

  const accounts: [string | undefined, AccountSource][] = [
    [own?.account, "task-definition-arn"],
    [execution?.account, "execution-role-arn"],
    [task?.account, "task-role-arn"],
    [flags.account, "--account"],
  ];
  const known = accounts.find((candidate): candidate is [string, AccountSource] => nonEmpty(candidate[0]));
  const [account, accountFrom] = known ?? [UNKNOWN_ACCOUNT, "unknown"];

  const partition = own?.partition ?? execution?.partition ?? task?.partition ?? (regionFrom === "unknown" ? "aws" : partitionOf(region));
  return { partition, region, regionFrom, account, accountFrom };
}

/** The replacement of each finding of one task definition, in the findings' order. */
export function secretReplacements(family: string, findings: readonly EnvironmentSecret[], location: SecretLocation): SecretReplacement[] {
  return findings.map((finding) => {
    const name = secretName(family, finding, findings);
    const valueFrom = `arn:${location.partition}:secretsmanager:${location.region}:${location.account}:secret:${name}`;
    return {
      secretName: name,
      secretsEntry: { name: finding.variable, valueFrom },
      statement: { Effect: "Allow", Action: [GET_SECRET_VALUE], Resource: [secretResource(valueFrom)] },
    };
  });
}

/** One statement for the execution role covering every replacement of the task definition. */
export function executionRoleStatement(replacements: readonly SecretReplacement[]): PolicyStatement {
  const resources = [...new Set(replacements.flatMap((r) => r.statement.Resource))].sort();
  return { Effect: "Allow", Action: [GET_SECRET_VALUE], Resource: resources };
}

/**
 * Secrets Manager appends a hyphen and six random characters to every secret's ARN, so a policy
 * names the secret with `-??????` (Secrets Manager User Guide, "Permissions policy examples":
 * "Wildcard characters in ARNs"), which unlike `*` cannot match a longer name.
 */
export function secretResource(secretArn: string): string {
  return `${secretArn}-??????`;
}

/**
 * One secret per variable when every container that holds it holds the same value; one per
 * container otherwise, since a single secret could not serve both.
 */
function secretName(family: string, finding: EnvironmentSecret, all: readonly EnvironmentSecret[]): string {
  const holders = all.filter((other) => other.variable === finding.variable && other.container !== finding.container);
  const shared = holders.every((other) => finding.sameValueIn.includes(other.container));
  const parts = shared ? [family, finding.variable] : [family, finding.container, finding.variable];
  return avoidSuffixLookalike(parts.map(secretNamePart).join("/"));
}

// Secret names take letters, digits and /_+=.@- (Secrets Manager API reference, CreateSecret
// Name); `/` is kept for our own separators only, and anything else (IAM's `*` and `?`
// wildcards included) becomes `_`.
function secretNamePart(part: string): string {
  const cleaned = part.replace(/[^A-Za-z0-9_+=.@-]/g, "_");
  return cleaned === "" ? "_" : cleaned;
}

// "Do not end your secret name with a hyphen followed by six characters": a partial ARN would be
// read as a full one (Secrets Manager User Guide, "Create an AWS Secrets Manager secret").
function avoidSuffixLookalike(name: string): string {
  return name.replace(/-([A-Za-z0-9_+=.@]{6})$/, "_$1");
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}
