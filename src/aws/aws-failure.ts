/**
 * What went wrong with an AWS call, when it is something the user can fix: the SDK error classes
 * and codes differ per service and protocol, the remedies do not. Each service's error module
 * words the message (it knows the call, the subject and the permission).
 */
export type AwsFailure =
  | { readonly kind: "no-credentials"; readonly detail: string }
  | { readonly kind: "bad-credentials"; readonly code: string; readonly detail: string }
  | { readonly kind: "access-denied" }
  | { readonly kind: "throttled"; readonly attempts: number | undefined };

// Error codes AWS uses for a refused call; Query-protocol services (IAM) say AccessDenied, JSON ones AccessDeniedException.
const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException"]);
// Error codes the SDK retries as throttling (Smithy retry THROTTLING_ERROR_CODES); left once retries are spent.
const THROTTLED = new Set(["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded"]);
// Credentials that AWS rejects outright: no retry or permission can fix them.
const BAD_CREDENTIALS = new Set(["InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException"]);

/** The failure an SDK error stands for, or undefined when it is none of the user-fixable kinds. */
export function classifyAwsError(error: unknown): AwsFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = error.name;
  if (name === "CredentialsProviderError") return { kind: "no-credentials", detail: oneLine(error.message) };
  if (ACCESS_DENIED.has(name)) return { kind: "access-denied" };
  if (THROTTLED.has(name)) return { kind: "throttled", attempts: (error as { $metadata?: { attempts?: number } }).$metadata?.attempts };
  if (BAD_CREDENTIALS.has(name)) return { kind: "bad-credentials", code: name, detail: oneLine(error.message) };
  return undefined;
}

export interface FailureContext {
  /** What the message starts with: the flag that led to the call ("--from-iam", "--trail audit"). */
  readonly prefix: string;
  /** "IAM GetRole for role api-task": the service, the call and what it was about. */
  readonly callDescription: string;
  readonly maxAttempts: number;
}

/** The one-line message for the failures whose remedy is the same for every service; undefined for access-denied. */
export function commonFailureMessage(failure: AwsFailure, context: FailureContext): string | undefined {
  switch (failure.kind) {
    case "no-credentials":
      return `${context.prefix}: no AWS credentials found (${failure.detail}); configure them or pass --profile`;
    case "bad-credentials":
      return `${context.prefix}: AWS rejected the credentials (${failure.code}: ${failure.detail}); refresh them or pass --profile`;
    case "throttled":
      return `${context.prefix}: ${context.callDescription} was still throttled after ${failure.attempts ?? context.maxAttempts} attempts; try again later`;
    case "access-denied":
      return undefined;
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
