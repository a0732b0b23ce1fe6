import type { IAMClient } from "@aws-sdk/client-iam";
import { compareText } from "../../mapping/order.js";
import type { AccountAccess, AccountCredentialsProvider, AccountRef } from "../sts/account-access.js";
import type { CurrentRolePolicies } from "./current-policies.js";
import { currentRolePolicies, type CurrentRolePoliciesOptions } from "./current-role-policies.js";

/** A role as its ARN names it: the account it lives in and its name there. */
export interface AccountRole extends AccountRef {
  readonly arn: string;
  readonly name: string;
}

/** An IAM client for one account: the caller's credentials (undefined) or those assumed in it. */
export type IamClientFactory = (credentials: AccountCredentialsProvider | undefined) => IAMClient;

/**
 * The current policies of roles of any number of accounts, keyed by the roles' ARNs. IAM answers
 * for the account of the credentials that sign a request, and a role name is unique only within
 * an account: each account's roles are read with that account's credentials, never by name in
 * another account. Every account is checked (and its role assumed) before any policy is read, so
 * a role that cannot be read stops the run before IAM is asked anything.
 */
export async function currentPoliciesOfAccountRoles(
  roles: readonly AccountRole[],
  access: AccountAccess,
  createClient: IamClientFactory,
  options: CurrentRolePoliciesOptions = {},
): Promise<Map<string, CurrentRolePolicies>> {
  const groups = new Map<string, { account: AccountRef; roles: AccountRole[]; credentials?: AccountCredentialsProvider | undefined }>();
  for (const role of roles) {
    const key = `${role.partition}:${role.account}`;
    const group = groups.get(key) ?? { account: { partition: role.partition, account: role.account }, roles: [] };
    group.roles.push(role);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([, group]) => group);
  for (const group of ordered) group.credentials = await access.credentialsFor(group.account, `role ${group.roles[0]!.name}`);

  const byArn = new Map<string, CurrentRolePolicies>();
  for (const group of ordered) {
    const client = createClient(group.credentials);
    try {
      const byName = await currentRolePolicies(client, group.roles.map((role) => role.name), options);
      for (const role of group.roles) {
        const found = byName.get(role.name);
        if (found === undefined) continue;
        // IAM names the role it read; one of another account would mean the credentials and the ARN disagree.
        const readAccount = /^arn:[\w-]+:iam::(\d{12}):/.exec(found.roleArn)?.[1];
        if (readAccount !== role.account) throw new Error(`IAM read role ${found.roleArn} for ${role.arn}: the credentials act in another account`);
        byArn.set(role.arn, found);
      }
    } finally {
      client.destroy();
    }
  }
  return byArn;
}
