import { GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { UsageError } from "../../usage-error.js";
import { classifyAwsError, commonFailureMessage } from "../aws-failure.js";
import { IAM_MAX_ATTEMPTS } from "../iam/iam-client.js";
import { parsePolicyDocumentText } from "../iam/policy-document-text.js";

/** A role's trust policy as IAM has it, or that IAM has no role of that name. */
export type RoleTrustPolicy = { readonly found: true; readonly arn: string; readonly document: unknown } | { readonly found: false };

/**
 * The trust policy (AssumeRolePolicyDocument) of a role, by name without path, read with GetRole.
 * IAM URL-encodes it and the SDK does not decode it (see policy-document-text.ts). A role a task
 * definition names but IAM does not know is reported as not found, not as an error: the fleet
 * map is still worth showing, and the role's absence is part of it.
 */
export async function readRoleTrustPolicy(client: IAMClient, roleName: string, prefix: string): Promise<RoleTrustPolicy> {
  let role;
  try {
    role = (await client.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  } catch (error) {
    if (error instanceof Error && (error.name === "NoSuchEntity" || error.name === "NoSuchEntityException")) return { found: false };
    throw getRoleError(error, roleName, prefix);
  }
  if (role?.Arn === undefined) throw new Error(`IAM GetRole ${roleName} returned no role ARN`);
  const text = role.AssumeRolePolicyDocument;
  if (text === undefined) throw new Error(`IAM GetRole ${roleName} returned no AssumeRolePolicyDocument`);
  return { found: true, arn: role.Arn, document: parsePolicyDocumentText(text, `the trust policy of role ${roleName}`) };
}

function getRoleError(error: unknown, roleName: string, prefix: string): unknown {
  const failure = classifyAwsError(error);
  if (failure === undefined) return error;
  const description = `IAM GetRole for role ${roleName}`;
  if (failure.kind === "access-denied") return new UsageError(`${prefix}: ${description} was denied: tighten needs iam:GetRole (read-only) to check the role's trust policy`);
  const message = commonFailureMessage(failure, { prefix, callDescription: description, maxAttempts: IAM_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}
