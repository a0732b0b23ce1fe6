import { parseArn } from "../iam/arn.js";
import { partitionOf } from "../iam/partition.js";
import { parseRoleArn, type RoleArn } from "../engines/role-selection.js";
import { conditionsKey } from "../mapping/conditions.js";
import { compareText, compareTextLists } from "../mapping/order.js";
import type { Evidence, Permission } from "../mapping/permission.js";
import { ImageReferenceError, parseImageReference, type ImageReference } from "./image-reference.js";
import type { KeyGrant } from "./kms-keys.js";
import { parseCredentialsReference, parseSecretReference, referenceKey, SecretReferenceError, type SecretReference } from "./secret-reference.js";
import type { TaskDefinition } from "./task-definition.js";

/**
 * The execution role is what the ECS agent (or Fargate) uses before and around the containers: to
 * pull private ECR images, to write awslogs, and to fetch the secrets the task definition injects.
 * All of it is named in the task definition, so its policy is derived from there, not from logs.
 * Source: ECS Developer Guide, "Amazon ECS task execution IAM role", and the managed policy
 * AmazonECSTaskExecutionRolePolicy for the ECR and CloudWatch Logs actions.
 */

/** A permission the execution role needs, and the parts of the task definitions that need it. */
export interface ExecutionPermission extends Permission {
  /** "payments-service:42 payments: image 1111….amazonaws.com/payments-service:v1.42.0", sorted. */
  readonly reasons: readonly string[];
}

/** Something said on stderr: a guess made, or a part of a task definition the policy cannot cover. */
export interface ExecutionNote {
  readonly level: "note" | "warning";
  readonly text: string;
}

export type PlacementSource = "task definition ARN" | "--region" | "--account" | "execution role ARN" | "awslogs-region";

/**
 * The task's region and account: where names without an ARN (a parameter name, an awslogs group)
 * live. The task definition ARN says; without one, the flags; failing those, a guess.
 */
export interface TaskPlacement {
  readonly region: string | null;
  readonly account: string | null;
  readonly regionFrom: PlacementSource | null;
  readonly accountFrom: PlacementSource | null;
}

/** Everything one task definition makes the agent use with its execution role. */
export interface TaskReferences {
  readonly task: TaskDefinition;
  readonly placement: TaskPlacement;
  /** Null when the task definition has none: nothing is granted, and it is said. */
  readonly role: RoleArn | null;
  readonly images: readonly { readonly container: string; readonly image: ImageReference }[];
  readonly logGroups: readonly LogGroupReference[];
  readonly secrets: readonly SecretUse[];
  readonly environmentFiles: readonly EnvironmentFileReference[];
  readonly notes: readonly ExecutionNote[];
}

/** An `environmentFiles` entry: an S3 object the agent downloads with the execution role. */
export interface EnvironmentFileReference {
  readonly container: string;
  /** arn:aws:s3:::bucket/path/file.env */
  readonly objectArn: string;
  /** arn:aws:s3:::bucket */
  readonly bucketArn: string;
}

export interface LogGroupReference {
  readonly container: string;
  readonly group: string;
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  /** `awslogs-create-group` is true: the driver creates the group when it is missing. */
  readonly create: boolean;
}

export interface SecretUse {
  readonly container: string;
  /** "secrets DB_PASSWORD", "secretOptions apikey", "repositoryCredentials". */
  readonly field: string;
  readonly reference: SecretReference;
}

/** A task definition the policy cannot be derived from, named with the element at fault. */
export class ExecutionPolicyError extends Error {
  override readonly name = "ExecutionPolicyError";
}

export interface PlacementFlags {
  readonly region?: string | undefined;
  readonly account?: string | undefined;
}

export function taskPlacement(task: TaskDefinition, flags: PlacementFlags): TaskPlacement {
  const arn = task.arn === null ? undefined : parseArn(task.arn);
  if (arn !== undefined && arn.region !== "" && arn.account !== "") {
    return { region: arn.region, account: arn.account, regionFrom: "task definition ARN", accountFrom: "task definition ARN" };
  }
  const roleAccount = task.executionRoleArn === null ? undefined : parseRoleArn(task.executionRoleArn)?.account;
  const logRegion = task.containers
    .map((container) => (container.logConfiguration?.logDriver === "awslogs" ? container.logConfiguration.options["awslogs-region"] : undefined))
    .find((region) => region !== undefined && region !== "");
  const [account, accountFrom]: [string | null, PlacementSource | null] =
    flags.account !== undefined ? [flags.account, "--account"] : roleAccount !== undefined ? [roleAccount, "execution role ARN"] : [null, null];
  const [region, regionFrom]: [string | null, PlacementSource | null] =
    flags.region !== undefined ? [flags.region, "--region"] : logRegion !== undefined ? [logRegion, "awslogs-region"] : [null, null];
  return { region, account, regionFrom, accountFrom };
}

/** The guesses made about a task's placement, and flags its ARN overrides, for stderr. */
export function placementNotes(task: TaskDefinition, placement: TaskPlacement, flags: PlacementFlags): ExecutionNote[] {
  const notes: ExecutionNote[] = [];
  if (placement.regionFrom === "task definition ARN") {
    const ignored = [
      flags.region !== undefined && flags.region !== placement.region ? `--region ${flags.region}` : "",
      flags.account !== undefined && flags.account !== placement.account ? `--account ${flags.account}` : "",
    ].filter(Boolean);
    if (ignored.length > 0) notes.push({ level: "note", text: `${task.source}: ${ignored.join(" and ")} ignored: its taskDefinitionArn places it in ${placement.region}, account ${placement.account}` });
    return notes;
  }
  const guessed = [
    placement.accountFrom === "execution role ARN" ? `account ${placement.account} from the execution role ARN` : "",
    placement.regionFrom === "awslogs-region" ? `region ${placement.region} from awslogs-region` : "",
  ].filter(Boolean);
  if (guessed.length > 0) notes.push({ level: "note", text: `${task.source}: no taskDefinitionArn: ${guessed.join(", ")} (--account/--region if the task runs elsewhere)` });
  return notes;
}

/**
 * What the task definition makes the agent pull, log and fetch. A reference that cannot be read
 * is an error naming the container and field: a policy that silently left it out would fail at
 * the next task launch.
 */
export function taskReferences(task: TaskDefinition, placement: TaskPlacement): TaskReferences {
  const notes: ExecutionNote[] = [];
  const images: TaskReferences["images"][number][] = [];
  const logGroups: LogGroupReference[] = [];
  const secrets: SecretUse[] = [];
  const environmentFiles: EnvironmentFileReference[] = [];
  task.containers.forEach((container, index) => {
    const at = `containerDefinitions[${index}]${container.name === "" ? "" : ` (${container.name})`}`;
    const fail = (field: string, error: unknown): never => {
      if (error instanceof SecretReferenceError || error instanceof ImageReferenceError) throw new ExecutionPolicyError(`${task.source}: ${at}.${field}: ${error.message}`);
      throw error;
    };
    const name = container.name === "" ? `containerDefinitions[${index}]` : container.name;
    try {
      images.push({ container: name, image: parseImageReference(container.image) });
    } catch (error) {
      fail("image", error);
    }
    container.secrets.forEach((secret, i) => {
      try {
        secrets.push({ container: name, field: `secrets ${secret.name}`, reference: parseSecretReference(secret.valueFrom, placement) });
      } catch (error) {
        fail(`secrets[${i}].valueFrom`, error);
      }
    });
    container.environmentFiles.forEach((file, i) => {
      const found = environmentFileReference(name, file.value);
      if (found === null) throw new ExecutionPolicyError(`${task.source}: ${at}.environmentFiles[${i}].value: ${file.value}: not an S3 object ARN (arn:aws:s3:::BUCKET/KEY)`);
      environmentFiles.push(found);
    });
    if (container.repositoryCredentials !== null) {
      try {
        secrets.push({ container: name, field: "repositoryCredentials", reference: parseCredentialsReference(container.repositoryCredentials, placement) });
      } catch (error) {
        fail("repositoryCredentials.credentialsParameter", error);
      }
    }
    const log = container.logConfiguration;
    if (log === null) return;
    log.secretOptions.forEach((secret, i) => {
      try {
        secrets.push({ container: name, field: `secretOptions ${secret.name}`, reference: parseSecretReference(secret.valueFrom, placement) });
      } catch (error) {
        fail(`logConfiguration.secretOptions[${i}].valueFrom`, error);
      }
    });
    // Only the awslogs driver writes with the execution role; awsfirelens and the others send
    // logs from inside the task, with the task role or their own credentials.
    if (log.logDriver !== "awslogs") return;
    const group = log.options["awslogs-group"];
    if (group === undefined || group === "") {
      notes.push({ level: "warning", text: `${task.source}: ${at}: awslogs without awslogs-group (ECS refuses it); no log permission granted for it` });
      return;
    }
    const region = log.options["awslogs-region"] || placement.region;
    if (region === null) throw new ExecutionPolicyError(`${task.source}: ${at}.logConfiguration: no awslogs-region, and the task's region is not known: pass --region`);
    if (placement.account === null) throw new ExecutionPolicyError(`${task.source}: ${at}.logConfiguration: the task's account is not known: pass --account`);
    logGroups.push({ container: name, group, region, account: placement.account, partition: partitionOf(region), create: isTrue(log.options["awslogs-create-group"]) });
  });
  return { task, placement, role: executionRole(task, placement, notes), images, logGroups, secrets, environmentFiles, notes };
}

/** An S3 object ARN has no region or account: `arn:PARTITION:s3:::BUCKET/KEY`. */
function environmentFileReference(container: string, value: string): EnvironmentFileReference | null {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== "s3" || arn.region !== "" || arn.account !== "") return null;
  const slash = arn.resource.indexOf("/");
  if (slash <= 0 || slash === arn.resource.length - 1) return null;
  return { container, objectArn: value, bucketArn: `arn:${arn.partition}:s3:::${arn.resource.slice(0, slash)}` };
}

/**
 * The awslogs driver reads its boolean options with Go's strconv.ParseBool (Docker documentation,
 * "Amazon CloudWatch Logs logging driver", awslogs-create-group).
 */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && ["1", "t", "T", "TRUE", "true", "True"].includes(value);
}

/** The role ARN, or a role name made into one in the task's account; null (with a note) when there is none. */
function executionRole(task: TaskDefinition, placement: TaskPlacement, notes: ExecutionNote[]): RoleArn | null {
  const given = task.executionRoleArn;
  if (given === null) {
    notes.push({
      level: "note",
      text: `${task.source}: no executionRoleArn: skipped (without one ECS cannot pull from private ECR, write awslogs or inject secrets for it)`,
    });
    return null;
  }
  const role = parseRoleArn(given);
  if (role !== null) return role;
  if (given.startsWith("arn:") || given.includes("/") || placement.account === null) {
    throw new ExecutionPolicyError(`${task.source}: executionRoleArn ${given} is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  }
  const arn = `arn:${partitionOf(placement.region ?? "")}:iam::${placement.account}:role/${given}`;
  notes.push({ level: "note", text: `${task.source}: executionRoleArn ${given} is a role name: taken as ${arn}` });
  return parseRoleArn(arn);
}

/** The task definitions that share each execution role, by role ARN; those without one apart. */
export function groupByExecutionRole(tasks: readonly TaskReferences[]): { roles: { role: RoleArn; tasks: TaskReferences[] }[]; skipped: TaskReferences[] } {
  const byRole = new Map<string, { role: RoleArn; tasks: TaskReferences[] }>();
  const skipped: TaskReferences[] = [];
  for (const task of tasks) {
    if (task.role === null) {
      skipped.push(task);
      continue;
    }
    const entry = byRole.get(task.role.arn) ?? { role: task.role, tasks: [] };
    entry.tasks.push(task);
    byRole.set(task.role.arn, entry);
  }
  return { roles: [...byRole.values()].sort((a, b) => compareText(a.role.arn, b.role.arn)), skipped };
}

// Permissions derived from a task definition were never observed; synthesize does not read evidence.
const STATIC: Evidence = { count: 0, firstSeen: "", lastSeen: "" };

/**
 * Actions the ECS agent needs to pull a private ECR image: a registry token (no resource-level
 * permissions), then the image manifest and layers of the repository. Source: ECS Developer
 * Guide, "Amazon ECS task execution IAM role", and ECR User Guide, "Private repository policies".
 */
const ECR_TOKEN_ACTION = "ecr:GetAuthorizationToken";
const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] as const;

/**
 * awslogs creates a stream per task (`PREFIX/CONTAINER/TASK-ID`) and writes to it: both actions are
 * authorized on the stream, so `log-group:G:*`, every stream of the group, the form AWS's own
 * examples use. CreateLogGroup is authorized on the group; CloudWatch Logs' permission examples
 * name it as `log-group:G:*` as well, so both forms are granted (it creates that one group either
 * way). Source: ECS Developer Guide, "Using the awslogs log driver" (awslogs-create-group) and
 * CloudWatch Logs User Guide, "CloudWatch Logs permissions reference".
 */
const LOG_STREAM_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;
const LOG_GROUP_CREATE_ACTION = "logs:CreateLogGroup";

/**
 * Secret values: ECS fetches Secrets Manager secrets with GetSecretValue and parameters with
 * GetParameters (ECS Developer Guide, "Required IAM permissions for Amazon ECS secrets").
 */
const SECRET_ACTION = "secretsmanager:GetSecretValue";
const PARAMETER_ACTION = "ssm:GetParameters";
const DECRYPT_ACTION = "kms:Decrypt";

/**
 * Environment files: the agent gets each object and its bucket's location (ECS Developer Guide,
 * "Pass environment variables to a container", required IAM permissions).
 */
const ENVIRONMENT_FILE_OBJECT_ACTION = "s3:GetObject";
const ENVIRONMENT_FILE_BUCKET_ACTION = "s3:GetBucketLocation";

/**
 * The permissions the task definitions sharing one execution role need, with the key grants found
 * for their secrets (kms-keys.ts), merged and sorted: one entry per (action, resource, conditions).
 */
export function executionPermissions(tasks: readonly TaskReferences[], keys: readonly KeyGrant[]): ExecutionPermission[] {
  const merged = new Map<string, { permission: Permission; reasons: Set<string> }>();
  const add = (permission: Omit<Permission, "evidence">, reason: string) => {
    const key = JSON.stringify([permission.action, permission.resource, conditionsKey(permission.conditions)]);
    const entry = merged.get(key) ?? { permission: { ...permission, evidence: STATIC }, reasons: new Set<string>() };
    entry.reasons.add(reason);
    merged.set(key, entry);
  };

  for (const task of tasks) {
    const label = taskLabel(task.task);
    for (const { container, image } of task.images) {
      if (image.kind !== "ecr") continue;
      const reason = `${label} ${container}: image ${image.image}`;
      add({ action: ECR_TOKEN_ACTION, resource: "*" }, reason);
      for (const action of ECR_PULL_ACTIONS) add({ action, resource: image.repositoryArn }, reason);
    }
    for (const log of task.logGroups) {
      const group = `arn:${log.partition}:logs:${log.region}:${log.account}:log-group:${log.group}`;
      const reason = `${label} ${log.container}: awslogs-group ${log.group}`;
      for (const action of LOG_STREAM_ACTIONS) add({ action, resource: `${group}:*` }, reason);
      if (log.create) {
        for (const resource of [group, `${group}:*`]) add({ action: LOG_GROUP_CREATE_ACTION, resource }, `${reason} (awslogs-create-group)`);
      }
    }
    for (const { container, field, reference } of task.secrets) {
      const reason = `${label} ${container}: ${field}`;
      if (reference.kind === "secretsmanager") {
        add({ action: SECRET_ACTION, resource: reference.grantArn }, reason);
      } else {
        add({ action: PARAMETER_ACTION, resource: reference.parameterArn }, reason);
        if (reference.secretArn !== null) add({ action: SECRET_ACTION, resource: reference.secretArn }, `${reason} (a Secrets Manager reference)`);
      }
    }
    for (const { container, objectArn, bucketArn } of task.environmentFiles) {
      const reason = `${label} ${container}: environmentFiles ${objectArn}`;
      add({ action: ENVIRONMENT_FILE_OBJECT_ACTION, resource: objectArn }, reason);
      add({ action: ENVIRONMENT_FILE_BUCKET_ACTION, resource: bucketArn }, reason);
    }
  }
  for (const grant of keys) {
    add({ action: DECRYPT_ACTION, resource: grant.key, conditions: { StringEquals: { "kms:ViaService": [grant.viaService] } } }, grant.reason);
  }

  return [...merged.values()]
    .map(({ permission, reasons }) => ({ ...permission, reasons: [...reasons].sort(compareText) }))
    .sort((a, b) => compareTextLists([a.action, a.resource, conditionsKey(a.conditions)], [b.action, b.resource, conditionsKey(b.conditions)]));
}

/** Every secret and parameter the tasks read: what a KMS key may have to decrypt. */
export function secretReferences(tasks: readonly TaskReferences[]): SecretReference[] {
  const seen = new Map<string, SecretReference>();
  for (const task of tasks) {
    for (const { reference } of task.secrets) {
      const key = referenceKey(reference);
      if (!seen.has(key)) seen.set(key, reference);
    }
  }
  return [...seen.entries()].sort(([a], [b]) => compareText(a, b)).map(([, reference]) => reference);
}

/** "payments-service:42", or the family alone for a task definition without a revision. */
export function taskLabel(task: TaskDefinition): string {
  return task.revision === null ? task.family : `${task.family}:${task.revision}`;
}
