/**
 * What went wrong with an AWS call: the SDK error classes and codes differ per service and
 * protocol, the remedies do not. Each service's error module words the message (it knows the
 * call, the subject and the permission) for the kinds classifyAwsError finds, the ones the user
 * can act on; any other answer from AWS (a 5xx, a validation error) the modules leave as it is,
 * and the CLI reports it with uncontextualizedAwsMessage. Either way the exit code is 2; an error
 * no SDK call threw is a bug in tighten.
 */
export type AwsFailure =
  | { readonly kind: "no-credentials"; readonly detail: string }
  | { readonly kind: "bad-credentials"; readonly code: string; readonly detail: string }
  | { readonly kind: "access-denied" }
  | { readonly kind: "throttled"; readonly attempts: number | undefined }
  /** No answer: the endpoint refused the connection, its name did not resolve, or the SDK timed out. */
  | { readonly kind: "unreachable"; readonly code: string; readonly endpoint: string | undefined; readonly attempts: number | undefined }
  /** An answer none of the kinds above covers: a 5xx, a validation error, an endpoint that is not AWS. Only from awsServiceError. */
  | { readonly kind: "service-error"; readonly code: string; readonly status: number | undefined; readonly server: boolean; readonly detail: string };

// Error codes AWS uses for a refused call; Query-protocol services (IAM) say AccessDenied, JSON ones AccessDeniedException.
const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException"]);
// Error codes the SDK retries as throttling (Smithy retry THROTTLING_ERROR_CODES); left once retries are spent.
const THROTTLED = new Set(["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded"]);
// Credentials that AWS rejects outright: no retry or permission can fix them.
const BAD_CREDENTIALS = new Set(["InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException"]);
// The Node socket and DNS errors Smithy's retry strategy treats as transient (NODEJS_TIMEOUT_ERROR_CODES
// and NODEJS_NETWORK_ERROR_CODES in @smithy/core retry): what is left of them once retries are spent.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// The name @smithy/node-http-handler gives its connection, request and socket timeouts.
const TIMEOUT_NAMES = new Set(["TimeoutError"]);

/** The fields the SDK adds to the errors of a call: `$metadata` once it passed the retry strategy, `$fault` on an answer. */
interface SdkErrorFields {
  readonly $metadata?: { readonly attempts?: number; readonly httpStatusCode?: number };
  readonly $fault?: "client" | "server";
  readonly code?: unknown;
  readonly hostname?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
}

/** The user-fixable failure an SDK error stands for, or undefined when it is none of those kinds. */
export function classifyAwsError(error: unknown): AwsFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = error.name;
  const fields = error as Error & SdkErrorFields;
  if (name === "CredentialsProviderError") return { kind: "no-credentials", detail: oneLine(error.message) };
  if (ACCESS_DENIED.has(name)) return { kind: "access-denied" };
  if (THROTTLED.has(name)) return { kind: "throttled", attempts: fields.$metadata?.attempts };
  if (BAD_CREDENTIALS.has(name)) return { kind: "bad-credentials", code: name, detail: oneLine(error.message) };
  // Only errors that went through an SDK client's middleware carry $metadata: a socket error of
  // tighten's own (a closed stdout) is no AWS failure.
  if (fields.$metadata === undefined) return undefined;
  const code = typeof fields.code === "string" ? fields.code : undefined;
  if ((code !== undefined && NETWORK_CODES.has(code)) || TIMEOUT_NAMES.has(name)) {
    return { kind: "unreachable", code: code ?? name, endpoint: endpointOf(fields), attempts: fields.$metadata.attempts };
  }
  return undefined;
}

/** Any other answer AWS gave an SDK call (it has a status or a fault), or undefined for an error no AWS call threw. */
export function awsServiceError(error: unknown): AwsFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const fields = error as Error & SdkErrorFields;
  const status = fields.$metadata?.httpStatusCode;
  if (status === undefined && fields.$fault === undefined) return undefined;
  return { kind: "service-error", code: error.name, status, server: fields.$fault === "server" || (status ?? 0) >= 500, detail: oneLine(error.message) };
}

/** host:port from a Node socket error (`address`/`port` when refused, `hostname` when DNS failed), if it says. */
function endpointOf(fields: SdkErrorFields): string | undefined {
  const host = typeof fields.hostname === "string" ? fields.hostname : typeof fields.address === "string" ? fields.address : undefined;
  if (host === undefined) return undefined;
  const bracketed = host.includes(":") ? `[${host}]` : host;
  return typeof fields.port === "number" ? `${bracketed}:${fields.port}` : bracketed;
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
    case "unreachable": {
      const attempts = failure.attempts === undefined ? "" : `, ${failure.attempts} attempt${failure.attempts === 1 ? "" : "s"}`;
      return `${context.prefix}: ${context.callDescription} could not reach ${failure.endpoint ?? "the endpoint"} (${failure.code}${attempts}); check the network, the region and any AWS_ENDPOINT_URL setting`;
    }
    case "service-error": {
      const status = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
      const remedy = failure.server ? "; the fault is on AWS's side: try again later" : "";
      return `${context.prefix}: ${context.callDescription} failed: ${failure.code}${status}: ${failure.detail}${remedy}`;
    }
    case "access-denied":
      return undefined;
  }
}

/**
 * The one-line message for an AWS error no service module worded (a call made outside their
 * wrappers), or undefined when `error` is no AWS error. Without the call's context it names what
 * the error itself says: the endpoint, the code, AWS's message.
 */
export function uncontextualizedAwsMessage(error: unknown): string | undefined {
  const failure = classifyAwsError(error) ?? awsServiceError(error);
  if (failure === undefined) return undefined;
  if (failure.kind === "access-denied") return `AWS: a request was denied (${(error as Error).name}: ${oneLine((error as Error).message)})`;
  return commonFailureMessage(failure, { prefix: "AWS", callDescription: "a request", maxAttempts: (error as SdkErrorFields).$metadata?.attempts ?? 1 });
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
