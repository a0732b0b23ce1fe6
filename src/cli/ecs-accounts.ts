import type { ECSClient } from "@aws-sdk/client-ecs";
import type { IAMClient } from "@aws-sdk/client-iam";
import { createEcsClient } from "../aws/ecs/ecs-client.js";
import { createIamClient } from "../aws/iam/iam-client.js";
import { secretsClients, type SecretsClients } from "../aws/secrets/secrets-clients.js";
import { accountAccess, type AccountRef } from "../aws/sts/account-access.js";
import { accountClients, arnAccount } from "../aws/sts/account-clients.js";

export interface EcsAccountFlags {
  readonly profile: string | undefined;
  readonly region: string;
  /** --assume-role, checked. */
  readonly assumeRole: string | undefined;
  /** What messages start with: "ecs roles". */
  readonly prefix: string;
}

/** How the ecs commands reach the accounts their clusters and roles are of. */
export interface EcsAccounts {
  /** A cluster named by ARN is read in its account (another needs --assume-role); a name in the caller's. */
  ecsOf(cluster: string): Promise<ECSClient>;
  /** With --assume-role, the IAM client of a role's account; undefined without it (roles are then checked in the clusters' account only). */
  readonly iamOf: ((account: AccountRef, role: string) => Promise<IAMClient>) | undefined;
  destroy(): void;
}

export function ecsAccounts(flags: EcsAccountFlags, caller: { ecs: ECSClient; iam?: IAMClient }): EcsAccounts {
  const profile = flags.profile !== undefined ? { profile: flags.profile } : {};
  const access = accountAccess({ ...profile, region: flags.region, prefix: flags.prefix, ...(flags.assumeRole !== undefined ? { assumeRole: flags.assumeRole } : {}) });
  const ecs = accountClients(access, (credentials) => createEcsClient({ ...profile, region: flags.region, ...(credentials !== undefined ? { config: { credentials } } : {}) }), caller.ecs);
  const iam = accountClients(access, (credentials) => createIamClient({ ...profile, region: flags.region, ...(credentials !== undefined ? { config: { credentials } } : {}) }), caller.iam);
  return {
    async ecsOf(cluster) {
      const account = arnAccount(cluster);
      return account === undefined ? caller.ecs : ecs.forAccount(account, `cluster ${cluster}`);
    },
    iamOf: flags.assumeRole === undefined ? undefined : (account, role) => iam.forAccount(account, `role ${role}`),
    destroy() {
      ecs.destroy();
      iam.destroy();
      access.destroy();
    },
  };
}

/** With --assume-role, the Secrets Manager and SSM clients of a secret's or parameter's own account. */
export function secretsAccounts(
  flags: Omit<EcsAccountFlags, "region"> & { readonly region: string | undefined },
  caller: SecretsClients,
): { readonly clientsOf: ((account: AccountRef, subject: string) => Promise<SecretsClients>) | undefined; destroy(): void } {
  if (flags.assumeRole === undefined) return { clientsOf: undefined, destroy: () => undefined };
  const profile = flags.profile !== undefined ? { profile: flags.profile } : {};
  const access = accountAccess({ ...profile, ...(flags.region !== undefined ? { region: flags.region } : {}), prefix: flags.prefix, assumeRole: flags.assumeRole });
  const clients = accountClients(access, (credentials) => secretsClients({ ...profile, ...(credentials !== undefined ? { config: { credentials } } : {}) }), caller);
  return {
    clientsOf: (account, subject) => clients.forAccount(account, subject),
    destroy() {
      clients.destroy();
      access.destroy();
    },
  };
}
