import { UsageError } from "../../usage-error.js";
import { classifyAwsError, commonFailureMessage } from "../aws-failure.js";
import { IAM_MAX_ATTEMPTS } from "./iam-client.js";

/** The IAM calls tighten makes: all reads (the tool never changes IAM). */
export type IamCall =
  | "GetRole"
  | "ListRolePolicies"
  | "GetRolePolicy"
  | "ListAttachedRolePolicies"
  | "GetPolicy"
  | "GetPolicyVersion"
  | "GetAccountAuthorizationDetails";

/**
 * An SDK error from `call` made for `subject` ("role payments-task") -> the one-line UsageError a
 * user can act on; errors that are no input problem come back unchanged (a bug, or AWS down).
 */
export function iamCallError(error: unknown, call: IamCall, subject: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === "NoSuchEntity" || error.name === "NoSuchEntityException") {
    return new UsageError(`--from-iam: ${subject}: not found in IAM (${call})`);
  }
  const failure = classifyAwsError(error);
  if (failure === undefined) return error;
  if (failure.kind === "access-denied") {
    return new UsageError(`--from-iam: IAM ${call} for ${subject} was denied: tighten needs iam:${call} (read-only) on it`);
  }
  const message = commonFailureMessage(failure, { prefix: "--from-iam", callDescription: `IAM ${call} for ${subject}`, maxAttempts: IAM_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}

/** Runs one IAM call, turning its failure into a usage error where the user can fix it. */
export async function callIam<T>(call: IamCall, subject: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw iamCallError(error, call, subject);
  }
}
