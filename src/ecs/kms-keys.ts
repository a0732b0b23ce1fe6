import { parseArn } from "../iam/arn.js";
import { kmsViaServiceCondition } from "../mapping/kms-via-service.js";
import { compareTextLists } from "../mapping/order.js";
import type { Permission } from "../mapping/permission.js";
import type { ExecutionNote } from "./execution-policy.js";
import { referenceKey, type SecretReference } from "./secret-reference.js";

/**
 * Secrets Manager and Parameter Store (SecureString) decrypt with KMS using the caller's
 * credentials: the execution role needs `kms:Decrypt` on a customer managed key, and only through
 * the service that holds the secret (`kms:ViaService`). Which key encrypts a secret is not in the
 * task definition; it comes from one of three places: the user (`--kms-key`), the secret's own
 * metadata (`--read-metadata`), or the Decrypt calls CloudTrail saw the role make (`--logs`).
 * Source: ECS Developer Guide, "Required IAM permissions for Amazon ECS secrets"; KMS Developer
 * Guide, "kms:ViaService".
 */
export interface KeyGrant {
  /** `arn:PARTITION:kms:REGION:ACCOUNT:key/ID`: IAM authorizes Decrypt on the key, never on an alias. */
  readonly key: string;
  /** "secretsmanager.us-east-1.amazonaws.com": the endpoint that calls KMS for the role. */
  readonly viaService: string;
  readonly reason: string;
}

export interface KeyFindings {
  readonly grants: readonly KeyGrant[];
  readonly notes: readonly ExecutionNote[];
}

/** What a DescribeSecret or DescribeParameters call said about one reference. */
export type EncryptionMetadata =
  | {
      readonly reference: SecretReference;
      readonly found: true;
      /** As the API gives it: a key ARN, key ID, alias name or alias ARN; null when the API names none. */
      readonly keyId: string | null;
      /** Parameters only: String and StringList are not encrypted. */
      readonly parameterType: string | null;
    }
  | { readonly reference: SecretReference; readonly found: false; readonly reason: string };

/** What is wrong with a --kms-key value. */
export class KmsKeyError extends Error {
  override readonly name = "KmsKeyError";
}

/**
 * The AWS managed keys of the two services: their key policies let every principal of the account
 * use them through that service, so an identity policy grants nothing for them. Source: Secrets
 * Manager User Guide, "Secret encryption and decryption"; Systems Manager User Guide, "How
 * Parameter Store uses AWS KMS".
 */
const AWS_MANAGED_ALIASES = new Set(["alias/aws/secretsmanager", "alias/aws/ssm"]);

/** A key ARN (`arn:PARTITION:kms:REGION:ACCOUNT:key/ID`) as --kms-key takes it. */
export function parseKmsKeyFlag(value: string): string {
  const arn = parseArn(value);
  if (arn?.service === "kms" && arn.resource.startsWith("alias/")) {
    throw new KmsKeyError(`${value} is an alias: IAM authorizes kms:Decrypt on the key itself; give its key ARN (aws kms describe-key --key-id ${value})`);
  }
  if (arn === undefined || arn.service !== "kms" || !/^key\/[^/]+$/.test(arn.resource) || arn.region === "" || !/^\d{12}$/.test(arn.account)) {
    throw new KmsKeyError(`${value} is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)`);
  }
  return value;
}

/**
 * Keys named by --kms-key: a key is regional, so it can only encrypt secrets and parameters of its
 * own region; it is granted through the services whose references in that region the role reads.
 * A key none of the references can use gets no grant (the caller says so, once for all roles).
 */
export function keysFromFlags(keys: readonly string[], references: readonly SecretReference[]): KeyGrant[] {
  const grants: KeyGrant[] = [];
  for (const key of keys) {
    const arn = parseArn(key);
    const inRegion = references.filter((reference) => reference.partition === arn?.partition && reference.region === arn.region);
    for (const viaService of new Set(inRegion.map(viaServiceOf))) {
      if (viaService !== null) grants.push({ key, viaService, reason: "--kms-key" });
    }
  }
  return sorted(grants);
}

/** Keys the secrets' and parameters' own metadata name. */
export function keysFromMetadata(metadata: readonly EncryptionMetadata[]): KeyFindings {
  const grants: KeyGrant[] = [];
  const notes: ExecutionNote[] = [];
  for (const answer of metadata) {
    const { reference } = answer;
    const what = describeReference(reference);
    const call = reference.kind === "secretsmanager" ? "DescribeSecret" : "DescribeParameters";
    if (!answer.found) {
      notes.push({ level: "warning", text: `${what}: ${call}: ${answer.reason}; its key is not known: pass --kms-key if a customer managed key encrypts it` });
      continue;
    }
    if (reference.kind === "ssm" && reference.secretArn === null && answer.parameterType !== "SecureString") continue;
    const key = keyArn(answer.keyId, reference);
    if (key.kind === "aws-managed") {
      notes.push({ level: "note", text: `${what}: encrypted with the AWS managed key ${key.alias}: no kms:Decrypt needed` });
      continue;
    }
    if (key.kind === "alias") {
      notes.push({ level: "warning", text: `${what}: encrypted with ${key.alias}: an alias, which IAM cannot grant Decrypt on; pass --kms-key with its key ARN` });
      continue;
    }
    const viaService = viaServiceOf(reference);
    if (viaService !== null) grants.push({ key: key.arn, viaService, reason: `${call} of ${referenceName(reference)}` });
  }
  return { grants: sorted(grants), notes };
}

/**
 * Keys the role was seen to use through Secrets Manager or Parameter Store: the mapping's own
 * kms:Decrypt permissions, which carry the kms:ViaService condition the call showed. Direct calls
 * and other services are not the agent fetching secrets; the comparison with the logs shows them.
 */
export function keysFromUsage(permissions: readonly Permission[]): KeyFindings {
  const grants: KeyGrant[] = [];
  for (const permission of permissions) {
    if (permission.action.toLowerCase() !== "kms:decrypt") continue;
    for (const viaService of permission.conditions?.["StringEquals"]?.["kms:ViaService"] ?? []) {
      if (!/^(secretsmanager|ssm)\./.test(viaService)) continue;
      const { count, firstSeen, lastSeen } = permission.evidence;
      grants.push({ key: permission.resource, viaService, reason: `CloudTrail: ${count} Decrypt call(s) via ${viaService}, ${firstSeen} .. ${lastSeen}` });
    }
  }
  return { grants: sorted(grants), notes: [] };
}

/**
 * The kms:ViaService value of the service that decrypts a reference: Secrets Manager for a secret
 * (and for a parameter that references one), Parameter Store for a parameter. The value comes from
 * the mapping's table, so that a grant derived here reads like one generate derives from a call.
 */
export function viaServiceOf(reference: SecretReference): string | null {
  const service = reference.kind === "secretsmanager" || reference.secretArn !== null ? "secretsmanager.amazonaws.com" : "ssm.amazonaws.com";
  const condition = kmsViaServiceCondition({ invokedBy: service, region: reference.region }, "kms");
  return condition?.["StringEquals"]?.["kms:ViaService"]?.[0] ?? null;
}

/** The references no key grant and no metadata answer accounts for: their key, if any, is unknown. */
export function referencesWithoutKey(
  references: readonly SecretReference[],
  grants: readonly KeyGrant[],
  metadata: readonly EncryptionMetadata[],
): SecretReference[] {
  const answered = new Set(metadata.filter((m) => m.found).map((m) => referenceKey(m.reference)));
  return references.filter((reference) => {
    if (answered.has(referenceKey(reference))) return false;
    const via = viaServiceOf(reference);
    return !grants.some((grant) => grant.viaService === via && parseArn(grant.key)?.account === reference.account);
  });
}

type KeyOf = { kind: "arn"; arn: string } | { kind: "aws-managed"; alias: string } | { kind: "alias"; alias: string };

/**
 * DescribeSecret leaves KmsKeyId out for the AWS managed key; DescribeParameters says
 * `alias/aws/ssm`. Either may give a key ID, a key ARN, an alias name or an alias ARN: a key ID is
 * the key of the secret's own region and account; an alias cannot be granted on without reading KMS.
 */
function keyArn(keyId: string | null, reference: SecretReference): KeyOf {
  const fallback = reference.kind === "secretsmanager" || reference.secretArn !== null ? "alias/aws/secretsmanager" : "alias/aws/ssm";
  if (keyId === null || keyId === "") return { kind: "aws-managed", alias: fallback };
  const arn = parseArn(keyId);
  const resource = arn?.resource ?? keyId;
  if (resource.startsWith("alias/")) return AWS_MANAGED_ALIASES.has(resource) ? { kind: "aws-managed", alias: resource } : { kind: "alias", alias: keyId };
  if (arn !== undefined) return { kind: "arn", arn: keyId };
  return { kind: "arn", arn: `arn:${reference.partition}:kms:${reference.region}:${reference.account}:key/${keyId.replace(/^key\//, "")}` };
}

function describeReference(reference: SecretReference): string {
  return `${reference.kind === "secretsmanager" ? "secret" : "parameter"} ${referenceName(reference)}`;
}

function referenceName(reference: SecretReference): string {
  return reference.kind === "secretsmanager" ? reference.secretId : reference.parameterArn;
}

function sorted(grants: KeyGrant[]): KeyGrant[] {
  const unique = new Map(grants.map((grant) => [JSON.stringify([grant.key, grant.viaService, grant.reason]), grant]));
  return [...unique.values()].sort((a, b) => compareTextLists([a.key, a.viaService, a.reason], [b.key, b.viaService, b.reason]));
}
