import { UsageError } from "../../usage-error.js";
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

// Error codes AWS uses for a refused call; IAM's Query protocol says AccessDenied, some SDK paths AccessDeniedException.
const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException"]);
// Error codes the SDK retries as throttling (Smithy retry THROTTLING_ERROR_CODES); left once retries are spent.
const THROTTLED = new Set(["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded"]);
// Credentials that AWS rejects outright: no retry or permission can fix them.
const BAD_CREDENTIALS = new Set(["InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException"]);

/**
 * An SDK error from `call` made for `subject` ("role payments-task") -> the one-line UsageError a
 * user can act on; errors that are no input problem come back unchanged (a bug, or AWS down).
 */
export function iamCallError(error: unknown, call: IamCall, subject: string): unknown {
  if (!(error instanceof Error)) return error;
  const name = error.name;
  if (name === "CredentialsProviderError") {
    return new UsageError(`--from-iam: no AWS credentials found (${oneLine(error.message)}); configure them or pass --profile`);
  }
  if (name === "NoSuchEntity" || name === "NoSuchEntityException") {
    return new UsageError(`--from-iam: ${subject}: not found in IAM (${call})`);
  }
  if (ACCESS_DENIED.has(name)) {
    return new UsageError(`--from-iam: IAM ${call} for ${subject} was denied: tighten needs iam:${call} (read-only) on it`);
  }
  if (THROTTLED.has(name)) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? IAM_MAX_ATTEMPTS;
    return new UsageError(`--from-iam: IAM ${call} for ${subject} was still throttled after ${attempts} attempts; try again later`);
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new UsageError(`--from-iam: AWS rejected the credentials (${name}: ${oneLine(error.message)}); refresh them or pass --profile`);
  }
  return error;
}

/** Runs one IAM call, turning its failure into a usage error where the user can fix it. */
export async function callIam<T>(call: IamCall, subject: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw iamCallError(error, call, subject);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
