/**
 * errorCodes that mean IAM (or a resource policy) refused the call. Such calls are Denied: they
 * show intent, never a need that was met, so they are never granted. Sources: each service's
 * "Common errors" page (AccessDenied for S3/STS/IAM, AccessDeniedException for JSON-protocol
 * services, Client.UnauthorizedOperation for EC2 in CloudTrail, AuthorizationError for SNS,
 * KMS key-policy refusals as AccessDeniedException).
 */
export const AUTHORIZATION_ERRORS: ReadonlySet<string> = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "AllAccessDisabled", // S3: the bucket or account is blocked
  "AuthorizationError", // SNS
  "AuthorizationErrorException", // SNS (JSON protocol)
  "Client.UnauthorizedOperation", // EC2, as CloudTrail records it
  "Forbidden",
  "ForbiddenException",
  "NotAuthorized",
  "NotAuthorizedException",
  "UnauthorizedAccess",
  "UnauthorizedException",
  "UnauthorizedOperation",
]);

/**
 * errorCodes of calls that failed before authorization was evaluated (bad or expired
 * credentials). They prove neither a need nor a refusal, so they are reported as Unmapped.
 * Source: AWS API "Common Errors" reference.
 */
export const AUTHENTICATION_ERRORS: ReadonlySet<string> = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "IncompleteSignature",
  "InvalidAccessKeyId",
  "InvalidClientTokenId",
  "MissingAuthenticationToken",
  "SignatureDoesNotMatch",
  "UnrecognizedClientException",
]);

export type CallOutcome = "authorized" | "denied" | "unauthenticated";

/**
 * Any other error (NoSuchKey, ThrottlingException, ResourceNotFoundException...) came after the
 * call passed authorization, so the permission was needed and held.
 */
export function outcomeOf(errorCode: string | null): CallOutcome {
  if (errorCode === null || errorCode === "") return "authorized";
  if (AUTHORIZATION_ERRORS.has(errorCode)) return "denied";
  if (AUTHENTICATION_ERRORS.has(errorCode)) return "unauthenticated";
  return "authorized";
}
