import type { AccountAccess, AccountCredentialsProvider, AccountRef } from "./account-access.js";

export interface AccountClients<C> {
  /** The client that reads `subject` in `target`; refused (UsageError) as AccountAccess refuses. */
  forAccount(target: AccountRef, subject: string): Promise<C>;
  destroy(): void;
}

/**
 * One client per account a run reads, made with the credentials that read it there: the caller's
 * own for the caller's account, the assumed role's for another.
 */
export function accountClients<C extends { destroy(): void }>(
  access: AccountAccess,
  create: (credentials: AccountCredentialsProvider | undefined) => C,
  /** A client the run already has with the caller's credentials: used for the caller's account, destroyed by its owner. */
  callerClient?: C,
): AccountClients<C> {
  const clients = new Map<string, C>();
  return {
    async forAccount(target, subject) {
      const credentials = await access.credentialsFor(target, subject);
      if (credentials === undefined && callerClient !== undefined) return callerClient;
      const key = credentials === undefined ? "caller" : `${target.partition}:${target.account}`;
      let client = clients.get(key);
      if (client === undefined) {
        client = create(credentials);
        clients.set(key, client);
      }
      return client;
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

/** The account of an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:...`), or undefined for a name. */
export function arnAccount(arn: string): AccountRef | undefined {
  const match = /^arn:([\w-]+):[\w-]+:[^:]*:(\d{12}):/.exec(arn);
  return match === null ? undefined : { partition: match[1]!, account: match[2]! };
}
