import type { STSClient } from "@aws-sdk/client-sts";
import { UsageError } from "../../usage-error.js";
import { assumeRoleError, callerIdentityError } from "./sts-errors.js";
import { createStsClient, loadStsModule, type StsClientOptions } from "./sts-client.js";

/** Who runs tighten: the account and partition its credentials act in. */
export interface CallerIdentity {
  readonly arn: string;
  readonly account: string;
  readonly partition: string;
}

/** The account a resource (a role, a cluster) belongs to, as its ARN says. */
export interface AccountRef {
  readonly partition: string;
  readonly account: string;
}

/** Temporary credentials as the SDK clients take them (AwsCredentialIdentity). */
export interface AccountCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** What a client for another account is given: the SDK calls it before each request. */
export type AccountCredentialsProvider = () => Promise<AccountCredentials>;

export interface AccountAccessOptions extends StsClientOptions {
  /** --assume-role: the role (name, or path/name) tighten assumes in each other account; none: other accounts are refused. */
  readonly assumeRole?: string;
  /** What messages start with: the flag or command that led to the read ("--from-iam", "ecs roles"). */
  readonly prefix: string;
}

export interface AccountAccess {
  /** sts:GetCallerIdentity, asked once per run. */
  caller(): Promise<CallerIdentity>;
  /**
   * The credentials that read `subject` ("role app-task") in `target`: undefined for the caller's
   * own account (the client keeps the caller's credentials), the --assume-role role's in another.
   * Without --assume-role, or in another partition, a UsageError naming the subject and account.
   */
  credentialsFor(target: AccountRef, subject: string): Promise<AccountCredentialsProvider | undefined>;
  destroy(): void;
}

/** CloudTrail shows the session as tighten names it, so an account's owners can tell its reads apart. */
export const SESSION_NAME = "tighten";

/**
 * Credentials are assumed again this long before they expire: the SDK's own refresh margin for
 * temporary credentials (5 minutes, @smithy/core isIdentityExpired), so a request never signs with
 * credentials that lapse in flight.
 */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** arn:PARTITION:iam::ACCOUNT:role/NAME, the role --assume-role names in one account. */
export function assumedRoleArn(target: AccountRef, roleName: string): string {
  return `arn:${target.partition}:iam::${target.account}:role/${roleName}`;
}

/**
 * Access to the accounts a run reads, from the caller's credentials. The STS client is made on
 * first use; each other account's role is assumed once and its credentials shared by every client
 * for that account until they near expiry.
 */
export function accountAccess(options: AccountAccessOptions): AccountAccess {
  const { prefix, assumeRole } = options;
  let client: Promise<STSClient> | undefined;
  const sts = () => (client ??= createStsClient(options));
  let identity: Promise<CallerIdentity> | undefined;
  const assumed = new Map<string, Promise<AccountCredentials>>();

  const caller = () => (identity ??= readCallerIdentity(sts, prefix));

  const credentials = async (roleArn: string, target: AccountRef): Promise<AccountCredentials> => {
    const held = assumed.get(roleArn);
    if (held !== undefined) {
      const current = await held;
      if (current.expiration === undefined || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS) return current;
    }
    const fresh = assume(sts, roleArn, target, prefix, caller);
    assumed.set(roleArn, fresh);
    return fresh;
  };

  return {
    caller,
    async credentialsFor(target, subject) {
      const me = await caller();
      if (target.partition === me.partition && target.account === me.account) return undefined;
      if (target.partition !== me.partition) {
        throw new UsageError(
          `${prefix}: ${subject} is in partition ${target.partition} (account ${target.account}), not the caller's ${me.partition}: no role can be assumed across partitions; run tighten with credentials of ${target.partition}`,
        );
      }
      if (assumeRole === undefined) {
        throw new UsageError(`${prefix}: ${subject} is in account ${target.account}, not the caller's ${me.account}: add --assume-role NAME (a role in ${target.account} that tighten may assume)`);
      }
      const roleArn = assumedRoleArn(target, assumeRole);
      // Assumed now, so a refusal is reported before anything is read, naming the role it tried.
      await credentials(roleArn, target);
      return () => credentials(roleArn, target);
    },
    destroy() {
      void client?.then((sts) => sts.destroy(), () => undefined);
    },
  };
}

async function readCallerIdentity(sts: () => Promise<STSClient>, prefix: string): Promise<CallerIdentity> {
  const { GetCallerIdentityCommand } = await loadStsModule();
  let answer;
  try {
    answer = await (await sts()).send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw callerIdentityError(error, prefix);
  }
  const partition = /^arn:([\w-]+):/.exec(answer.Arn ?? "")?.[1];
  if (answer.Account === undefined || answer.Arn === undefined || partition === undefined) {
    throw new Error(`STS GetCallerIdentity returned no account or ARN (${answer.Account ?? "-"}, ${answer.Arn ?? "-"})`);
  }
  return { arn: answer.Arn, account: answer.Account, partition };
}

async function assume(
  sts: () => Promise<STSClient>,
  roleArn: string,
  target: AccountRef,
  prefix: string,
  caller: () => Promise<CallerIdentity>,
): Promise<AccountCredentials> {
  const { AssumeRoleCommand } = await loadStsModule();
  let answer;
  try {
    answer = await (await sts()).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME }));
  } catch (error) {
    throw assumeRoleError(error, roleArn, target, (await caller()).arn, prefix);
  }
  const given = answer.Credentials;
  if (given?.AccessKeyId === undefined || given.SecretAccessKey === undefined || given.SessionToken === undefined) {
    throw new Error(`STS AssumeRole ${roleArn} returned no credentials`);
  }
  return {
    accessKeyId: given.AccessKeyId,
    secretAccessKey: given.SecretAccessKey,
    sessionToken: given.SessionToken,
    ...(given.Expiration !== undefined ? { expiration: given.Expiration } : {}),
  };
}
