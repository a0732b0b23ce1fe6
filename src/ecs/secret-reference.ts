import { parseArn } from "../iam/arn.js";
import { partitionOf } from "../iam/partition.js";

/**
 * What a container's `secrets[].valueFrom`, `logConfiguration.secretOptions[].valueFrom` or
 * `repositoryCredentials.credentialsParameter` makes the ECS agent read with the execution role.
 * Source: ECS Developer Guide, "Pass sensitive data to an Amazon ECS container" and the
 * RegisterTaskDefinition reference for Secret.valueFrom and RepositoryCredentials.
 */
export type SecretReference = SecretsManagerReference | ParameterReference;

export interface SecretsManagerReference {
  readonly kind: "secretsmanager";
  readonly valueFrom: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The secret's name as the ARN has it, with the random suffix when the ARN is complete. */
  readonly name: string;
  /** The ARN ends in the "-" and six characters Secrets Manager appends: it names one secret exactly. */
  readonly complete: boolean;
  /** The secret's own ARN (or name) without the `:json-key:version-stage:version-id` selectors: what DescribeSecret takes. */
  readonly secretId: string;
  /** What `secretsmanager:GetSecretValue` is granted on (see secretGrantArn). */
  readonly grantArn: string;
  readonly jsonKey: string | null;
  readonly versionStage: string | null;
  readonly versionId: string | null;
}

export interface ParameterReference {
  readonly kind: "ssm";
  readonly valueFrom: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The parameter's name as Parameter Store's API takes it ("/app/db-url"), without a version or label selector. */
  readonly name: string;
  /** `arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME`: what `ssm:GetParameters` is authorized against. */
  readonly parameterArn: string;
  /**
   * A `/aws/reference/secretsmanager/ID` parameter is a Secrets Manager secret read through
   * Parameter Store, which also checks `secretsmanager:GetSecretValue` on the secret: its ARN pattern.
   * Source: Systems Manager User Guide, "Referencing AWS Secrets Manager secrets from Parameter Store parameters".
   */
  readonly secretArn: string | null;
}

/** Where a name without an ARN lives: the task's own region and account, when known. */
export interface ReferenceScope {
  readonly region: string | null;
  readonly account: string | null;
}

/** What is wrong with a reference, for a message that names the task definition and field. */
export class SecretReferenceError extends Error {
  override readonly name = "SecretReferenceError";
}

/** The "-" and six random characters Secrets Manager appends to a secret's name in its ARN. */
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;
/** Exactly six characters: `NAME-??????` does not also match the secret `NAME-other-AbCdEf`. */
const ANY_SUFFIX = "-??????";
const SECRETS_MANAGER_REFERENCE = "/aws/reference/secretsmanager/";

/**
 * `secrets[].valueFrom` and `secretOptions[].valueFrom`: a Secrets Manager secret by full ARN
 * (never by name: ECS reads a bare name as a parameter), or a Parameter Store parameter by ARN or,
 * in the task's own region and account, by name.
 */
export function parseSecretReference(valueFrom: string, scope: ReferenceScope): SecretReference {
  if (valueFrom.startsWith("arn:")) {
    const arn = parseArn(valueFrom);
    if (arn?.service === "secretsmanager") return secretsManagerReference(valueFrom);
    if (arn?.service === "ssm") return parameterByArn(valueFrom);
    throw new SecretReferenceError(`${valueFrom}: not a Secrets Manager secret or Systems Manager parameter ARN`);
  }
  if (valueFrom === "") throw new SecretReferenceError("valueFrom is empty");
  const { region, account } = inScope(scope, valueFrom, "a parameter named without its ARN");
  return parameter(valueFrom, partitionOf(region), region, account);
}

/**
 * `repositoryCredentials.credentialsParameter`: a secret's full ARN or, in the task's own region,
 * its name (RegisterTaskDefinition, RepositoryCredentials). A name gets the same `NAME-??????`
 * grant as a partial ARN.
 */
export function parseCredentialsReference(value: string, scope: ReferenceScope): SecretsManagerReference {
  if (value.startsWith("arn:")) {
    if (parseArn(value)?.service !== "secretsmanager") throw new SecretReferenceError(`${value}: not a Secrets Manager secret ARN`);
    return secretsManagerReference(value);
  }
  if (value === "") throw new SecretReferenceError("credentialsParameter is empty");
  const { region, account } = inScope(scope, value, "a secret named without its ARN");
  const partition = partitionOf(region);
  return secretsManagerReference(`arn:${partition}:secretsmanager:${region}:${account}:secret:${value}`, value);
}

/**
 * `arn:P:secretsmanager:R:A:secret:NAME[:json-key:version-stage:version-id]`. Secret names cannot
 * contain ":", so every ":" after the name starts ECS's selectors, which pick a value inside the
 * secret and need no permission of their own.
 */
function secretsManagerReference(valueFrom: string, givenId?: string): SecretsManagerReference {
  const arn = parseArn(valueFrom);
  const parts = arn?.resource.split(":") ?? [];
  const [type, name = "", jsonKey, versionStage, versionId] = parts;
  if (arn === undefined || type !== "secret" || name === "" || parts.length > 5 || arn.region === "" || arn.account === "") {
    throw new SecretReferenceError(`${valueFrom}: not a secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key:version-stage:version-id])`);
  }
  const own = `arn:${arn.partition}:secretsmanager:${arn.region}:${arn.account}:secret:${name}`;
  const complete = givenId === undefined && RANDOM_SUFFIX.test(name);
  return {
    kind: "secretsmanager",
    valueFrom,
    partition: arn.partition,
    region: arn.region,
    account: arn.account,
    name,
    complete,
    secretId: givenId ?? own,
    grantArn: secretGrantArn(own, complete),
    jsonKey: nonEmpty(jsonKey),
    versionStage: nonEmpty(versionStage),
    versionId: nonEmpty(versionId),
  };
}

/**
 * IAM authorizes GetSecretValue against the secret's full ARN, suffix included. A complete ARN is
 * granted as it is: the task definition names that one secret, and a secret deleted and created
 * again gets a new suffix the task definition would not reach either, so `-??????` would only
 * widen the grant to secrets the task cannot read. (tighten's replay names a secret `NAME-??????`
 * unless told `--secret-names exact`; compare this policy with that setting.) A partial ARN (no
 * suffix) is resolved by Secrets Manager at every task launch, so only the pattern keeps it working.
 * A name ending in "-" and six letters or digits reads as complete: Secrets Manager advises
 * against such names for this very reason (API Reference, CreateSecret, Name).
 */
function secretGrantArn(own: string, complete: boolean): string {
  return complete ? own : `${own}${ANY_SUFFIX}`;
}

function parameterByArn(valueFrom: string): ParameterReference {
  const arn = parseArn(valueFrom);
  if (arn === undefined || !arn.resource.startsWith("parameter/") || arn.region === "" || arn.account === "") {
    throw new SecretReferenceError(`${valueFrom}: not a parameter ARN (arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME)`);
  }
  const path = arn.resource.slice("parameter/".length);
  // The ARN drops a hierarchical name's leading "/"; a name with a "/" inside is hierarchical and
  // must start with one (Systems Manager User Guide, "Parameter name requirements").
  return parameter(path.includes("/") ? `/${path}` : path, arn.partition, arn.region, arn.account, valueFrom);
}

/**
 * The ARN has exactly one "/" after `parameter` whether the name starts with one or not
 * (`/app/db-url` and `app/db-url` are both `parameter/app/db-url`). A ":" starts a version or
 * label selector (`name:3`), which is not part of the resource: parameter names cannot contain ":".
 * Source: Systems Manager User Guide, "Restricting access to Parameter Store parameters using IAM policies".
 */
function parameter(nameAsGiven: string, partition: string, region: string, account: string, valueFrom = nameAsGiven): ParameterReference {
  const name = nameAsGiven.split(":")[0] ?? nameAsGiven;
  if (name === "" || name === "/") throw new SecretReferenceError(`${valueFrom}: no parameter name`);
  const path = name.replace(/^\/+/, "");
  const referenced = name.startsWith(SECRETS_MANAGER_REFERENCE) ? name.slice(SECRETS_MANAGER_REFERENCE.length) : null;
  return {
    kind: "ssm",
    valueFrom,
    partition,
    region,
    account,
    name,
    parameterArn: `arn:${partition}:ssm:${region}:${account}:parameter/${path}`,
    secretArn:
      referenced === null || referenced === ""
        ? null
        : referenced.startsWith("arn:")
          ? secretsManagerReference(referenced).grantArn
          : `arn:${partition}:secretsmanager:${region}:${account}:secret:${referenced}${ANY_SUFFIX}`,
  };
}

/** One key per secret or parameter, however it was written: what grants and metadata are matched by. */
export function referenceKey(reference: SecretReference): string {
  return reference.kind === "secretsmanager" ? reference.grantArn : reference.parameterArn;
}

function inScope(scope: ReferenceScope, value: string, what: string): { region: string; account: string } {
  if (scope.region === null) throw new SecretReferenceError(`${value} is ${what}, in the task's region, which is not known: pass --region`);
  if (scope.account === null) throw new SecretReferenceError(`${value} is ${what}, in the task's account, which is not known: pass --account`);
  return { region: scope.region, account: scope.account };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}
