import type { IAMClient } from "@aws-sdk/client-iam";
import { readRolesFromAuthorizationDetails } from "./authorization-details.js";
import type { CurrentRolePolicies } from "./current-policies.js";
import { managedPolicyReader } from "./managed-policies.js";
import { readRolePolicies } from "./role-policies.js";

export interface CurrentRolePoliciesOptions {
  /** Force a method; by default the per-role calls for a few roles, one account sweep for more. */
  readonly method?: "per-role" | "authorization-details";
  /** MaxItems on every paginated call (IAM's default is 100): lets tests make IAM paginate. */
  readonly pageSize?: number;
}

/**
 * Up to this many roles, the per-role calls (about 3 + 2 per policy) cost less than a sweep of the
 * whole account's roles and policies, which in a large account runs to many pages of megabytes.
 */
export const PER_ROLE_LIMIT = 3;

/** The current policies of the named roles (names without path), read-only, keyed by role name. */
export async function currentRolePolicies(
  client: IAMClient,
  roleNames: readonly string[],
  options: CurrentRolePoliciesOptions = {},
): Promise<Map<string, CurrentRolePolicies>> {
  const names = [...new Set(roleNames)];
  const method = options.method ?? (names.length <= PER_ROLE_LIMIT ? "per-role" : "authorization-details");
  if (method === "authorization-details") return readRolesFromAuthorizationDetails(client, names, options.pageSize);
  const readManaged = managedPolicyReader(client);
  const result = new Map<string, CurrentRolePolicies>();
  // One role after another: IAM's request rate is low and shared with everything else in the account.
  for (const name of names) result.set(name, await readRolePolicies(client, name, readManaged, options.pageSize));
  return result;
}
