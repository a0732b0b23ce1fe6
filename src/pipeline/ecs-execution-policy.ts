import { readParameterEncryption } from "../aws/secrets/parameter-encryption.js";
import { readSecretEncryption } from "../aws/secrets/secret-encryption.js";
import type { SecretsClients } from "../aws/secrets/secrets-clients.js";
import type { AccountRef } from "../aws/sts/account-access.js";
import {
  executionPermissions,
  groupByExecutionRole,
  placementNotes,
  secretReferences,
  taskPlacement,
  taskReferences,
  type ExecutionNote,
  type ExecutionPermission,
  type PlacementFlags,
  type TaskReferences,
} from "../ecs/execution-policy.js";
import { keysFromFlags, keysFromMetadata, keysFromUsage, referencesWithoutKey, type EncryptionMetadata, type KeyGrant } from "../ecs/kms-keys.js";
import { referenceKey, type SecretReference } from "../ecs/secret-reference.js";
import type { TaskDefinition } from "../ecs/task-definition.js";
import type { UsageSource } from "../engines/engine.js";
import { parseRoleArn, type RoleArn } from "../engines/role-selection.js";
import { parseArn } from "../iam/arn.js";
import { loadIamCatalog } from "../iam/catalog.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "../mapping/generalization.js";
import { mapUsage, servicePrefixesFor } from "../mapping/map-usage.js";
import type { Permission } from "../mapping/permission.js";
import { whyUnobservable } from "../mapping/unobservable-actions.js";
import { evaluate } from "../policy/evaluate.js";
import type { NormalizedPolicy } from "../policy/normalized-policy.js";
import { parsePolicy } from "../policy/parse-policy.js";
import type { PolicyDocument } from "../policy/policy-document.js";
import { fitPolicy, type FittedPolicies } from "../synth/split-policy.js";
import { synthesize } from "../synth/synthesize.js";
import { verifyRole } from "./verify-role.js";
import type { NotReplayable, ReplayedCall } from "../policy/replay.js";
import { recordedDataEventsOf, usageOf } from "./role-usage.js";

/** Where the KMS keys of the secrets may come from, beyond the task definitions themselves. */
export interface ExecutionPolicyOptions {
  /** --kms-key: key ARNs, checked. */
  readonly kmsKeys: readonly string[];
  /** --read-metadata: each secret's and parameter's key, as their services describe it. */
  readonly readMetadata?: EncryptionMetadataReader;
  /** --logs / --engine athena: the Decrypt calls each execution role made, and what to compare with. */
  readonly source?: UsageSource;
}

export type EncryptionMetadataReader = (references: readonly SecretReference[]) => Promise<EncryptionMetadata[]>;

export interface ExecutionRolePolicy {
  readonly role: RoleArn;
  /** The task definitions that name this execution role, in the order given. */
  readonly tasks: readonly TaskReferences[];
  readonly permissions: readonly ExecutionPermission[];
  readonly document: PolicyDocument;
  /** The same within IAM's size quotas (an execution policy rarely comes near them). */
  readonly policies: FittedPolicies;
  readonly notes: readonly ExecutionNote[];
  /** With logs: what the role did against what the policy grants; null without logs. */
  readonly comparison: UsageComparison | null;
}

export interface UsageComparison {
  /** The role as the logs name it (with its path), or null when it made no call in them. */
  readonly principal: string | null;
  readonly calls: number;
  /** Grants no call of the role used; `unobservable` says why the logs could not have shown one. */
  readonly unused: readonly { readonly permission: ExecutionPermission; readonly unobservable: string | null }[];
  /** Calls the role made that the policy would refuse. */
  readonly ungranted: readonly ReplayedCall[];
  readonly notReplayable: readonly NotReplayable[];
}

export interface ExecutionPolicies {
  readonly roles: readonly ExecutionRolePolicy[];
  /** Task definitions without an execution role: nothing to grant. */
  readonly skipped: readonly TaskReferences[];
  /** Placement guesses, parts of task definitions no grant covers, flags that matched nothing. */
  readonly notes: readonly ExecutionNote[];
}

/** The services every execution policy's actions come from. */
const EXECUTION_SERVICES = ["ecr", "kms", "logs", "s3", "secretsmanager", "ssm"];

/**
 * The replay names a secret `NAME-??????` by default; the static policy names the exact secret a
 * task definition's full ARN gives (see secret-reference.ts), so the calls are replayed with the
 * exact ARN they named. A call naming a secret by name becomes `NAME-??????` either way.
 */
const REPLAY_GENERALIZATION: Generalization = { ...DEFAULT_GENERALIZATION, secretNames: "exact" };

/** What the task definitions reference, with the notes on guesses and gaps; pure, so checked before any log is read. */
export interface ReadTaskDefinitions {
  readonly tasks: readonly TaskReferences[];
  readonly notes: readonly ExecutionNote[];
}

/** Throws ExecutionPolicyError for a reference it cannot read, naming the file and field. */
export function readTaskReferences(tasks: readonly TaskDefinition[], flags: PlacementFlags): ReadTaskDefinitions {
  const notes: ExecutionNote[] = [];
  const references = tasks.map((task) => {
    const placement = taskPlacement(task, flags);
    notes.push(...placementNotes(task, placement, flags));
    const found = taskReferences(task, placement);
    notes.push(...found.notes);
    return found;
  });
  return { tasks: references, notes };
}

/**
 * Task definitions -> one execution policy per execution role, the task definitions that share a
 * role merged into its one policy.
 */
export async function executionPolicies(read: ReadTaskDefinitions, options: ExecutionPolicyOptions): Promise<ExecutionPolicies> {
  const notes = [...read.notes];
  const references = read.tasks;
  const { roles, skipped } = groupByExecutionRole(references);

  const metadata = options.readMetadata === undefined ? [] : await options.readMetadata(secretReferences(roles.flatMap((role) => role.tasks)));
  const catalog = await loadIamCatalog(EXECUTION_SERVICES);
  const usage = options.source === undefined ? null : await usageContext(options.source);

  const results: ExecutionRolePolicy[] = [];
  const flagKeysUsed = new Set<string>();
  for (const { role, tasks: roleTasks } of roles) {
    const roleNotes: ExecutionNote[] = [];
    const secrets = secretReferences(roleTasks);
    // Matched by key: two roles reading one secret share one answer.
    const keys = new Set(secrets.map(referenceKey));
    const answers = metadata.filter((answer) => keys.has(referenceKey(answer.reference)));
    const fromMetadata = keysFromMetadata(answers);
    roleNotes.push(...fromMetadata.notes);
    const fromFlags = keysFromFlags(options.kmsKeys, secrets);
    for (const grant of fromFlags) flagKeysUsed.add(grant.key);
    const principal = usage === null ? null : usage.principalOf(role);
    const fromLogs = principal === null || usage === null ? [] : keysFromUsage(await usage.permissionsOf(principal)).grants;
    const grants: KeyGrant[] = [...fromFlags, ...fromMetadata.grants, ...fromLogs];

    const unknown = referencesWithoutKey(secrets, grants, answers);
    if (unknown.length > 0) {
      const names = unknown.map(referenceKey).join(", ");
      const untried = [options.kmsKeys.length === 0 ? "--kms-key ARN" : "", options.readMetadata === undefined ? "--read-metadata" : "", usage === null ? "--logs" : ""].filter(Boolean);
      const remedy = untried.length === 0 ? "" : `; for a customer managed key pass ${untried.join(", ").replace(/, ([^,]*)$/, " or $1")}`;
      roleNotes.push({ level: "note", text: `${role.name}: no KMS key known for ${names}: none is needed with the AWS managed key${remedy}` });
    }

    const permissions = executionPermissions(roleTasks, grants);
    const document = synthesize(permissions, catalog);
    if (document.Statement.length === 0) {
      roleNotes.push({ level: "warning", text: `${role.name}: its task definitions need no execution role permission; the policy has no statement (IAM rejects an empty policy: detach instead)` });
    }
    const comparison = usage === null ? null : await usage.compare(principal, document, permissions);
    results.push({ role, tasks: roleTasks, permissions, document, policies: fitPolicy(document, "inline"), notes: roleNotes, comparison });
  }
  for (const key of options.kmsKeys) {
    if (!flagKeysUsed.has(key)) {
      notes.push({ level: "note", text: `--kms-key ${key}: no secret or parameter of these task definitions is in ${parseArn(key)?.region ?? "its region"}; not granted` });
    }
  }
  return { roles: results, skipped, notes };
}

interface UsageContext {
  principalOf(role: RoleArn): RoleArn | null;
  permissionsOf(principal: RoleArn): Promise<readonly Permission[]>;
  compare(principal: RoleArn | null, document: PolicyDocument, permissions: readonly ExecutionPermission[]): Promise<UsageComparison>;
}

async function usageContext(source: UsageSource): Promise<UsageContext> {
  const summaries = await source.principals();
  const seen = summaries.map((summary) => parseRoleArn(summary.principal)).filter((role) => role !== null);
  const recorded = await recordedDataEventsOf(source);
  return {
    // The task definition may name the role without the path the logs show (sessionIssuer keeps
    // it); a role name is unique in its account, so the name finds it.
    principalOf: (role) => seen.find((p) => p.arn === role.arn) ?? seen.find((p) => p.account === role.account && p.name === role.name) ?? null,
    async permissionsOf(principal) {
      const { rows, profiles } = await usageOf(source, [principal.arn]);
      return mapUsage(rows, await loadIamCatalog(servicePrefixesFor(rows)), undefined, profiles).permissions;
    },
    async compare(principal, document, permissions) {
      if (principal === null) {
        return { principal: null, calls: 0, unused: permissions.map((permission) => ({ permission, unobservable: whyUnobservable(permission.action, recorded) })), ungranted: [], notReplayable: [] };
      }
      const policy = parsePolicy(document);
      const verification = await verifyRole(source, principal, [policy], REPLAY_GENERALIZATION);
      const ungranted = verification.calls.filter((call) => !allows([policy], call));
      const unused = permissions
        .filter((permission) => {
          const single = [singlePermissionPolicy(permission)];
          return !verification.calls.some((call) => call.action.toLowerCase() === permission.action.toLowerCase() && allows(single, call));
        })
        .map((permission) => ({ permission, unobservable: whyUnobservable(permission.action, recorded) }));
      return {
        principal: principal.arn,
        calls: summaries.find((summary) => summary.principal === principal.arn)?.calls ?? 0,
        unused,
        ungranted,
        notReplayable: verification.notReplayable,
      };
    },
  };
}

function allows(policies: readonly NormalizedPolicy[], call: ReplayedCall): boolean {
  const { decision } = evaluate(policies, { action: call.action, resource: authorizedResource(call), context: call.context });
  return decision === "allowed" || decision === "conditionally-allowed";
}

/**
 * The resource IAM authorizes a replayed call on. The mapping keeps a partial secret ARN (no
 * random suffix) as the call named it, but Secrets Manager resolves it and IAM sees the secret's
 * full ARN: `NAME-??????` stands for it, as the static policy grants it.
 */
function authorizedResource(call: ReplayedCall): string {
  const arn = parseArn(call.resource);
  if (arn?.service !== "secretsmanager" || !arn.resource.startsWith("secret:")) return call.resource;
  return /-([A-Za-z0-9]{6}|\?{6})$/.test(arn.resource) ? call.resource : `${call.resource}-??????`;
}

function singlePermissionPolicy(permission: ExecutionPermission): NormalizedPolicy {
  return parsePolicy({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: [permission.action], Resource: [permission.resource], ...(permission.conditions === undefined ? {} : { Condition: permission.conditions }) }],
  });
}

/**
 * --read-metadata through the SDK: DescribeSecret for each secret, DescribeParameters for each
 * parameter, in their own regions, one at a time (a fleet has tens of them, and the quotas are
 * shared with the services that read them at every task launch).
 */
/**
 * `clientsOf` (--assume-role) gives the clients that read a secret or parameter in its own account;
 * without it every one is asked of the caller's account, which finds another account's secret
 * only as far as its resource policy allows, and another account's parameter never.
 */
export function secretsMetadataReader(callerClients: SecretsClients, clientsOf?: (account: AccountRef, subject: string) => Promise<SecretsClients>): EncryptionMetadataReader {
  return async (references) => {
    const answers: EncryptionMetadata[] = [];
    for (const reference of references) {
      const subject = reference.kind === "secretsmanager" ? `secret ${reference.secretId}` : `parameter ${reference.name}`;
      const clients = clientsOf === undefined ? callerClients : await clientsOf(reference, subject);
      if (reference.kind === "secretsmanager") {
        const answer = await readSecretEncryption(clients.secretsManager(reference.region), reference.secretId, reference.region);
        answers.push(answer.found ? { reference, found: true, keyId: answer.kmsKeyId, parameterType: null } : { reference, found: false, reason: answer.reason });
        continue;
      }
      const answer = await readParameterEncryption(clients.ssm(reference.region), parameterNames(reference.name), reference.region);
      answers.push(answer.found ? { reference, found: true, keyId: answer.keyId, parameterType: answer.type } : { reference, found: false, reason: answer.reason });
    }
    return answers;
  };
}

/** A top-level name may have been created with or without its "/": the ARN is the same for both. */
function parameterNames(name: string): string[] {
  const bare = name.replace(/^\/+/, "");
  return [...new Set([name, `/${bare}`, ...(bare.includes("/") ? [] : [bare])])];
}
