import { UsageError } from "../../usage-error.js";
import { classifyAwsError, commonFailureMessage, oneLine } from "../aws-failure.js";
import { SECRETS_MAX_ATTEMPTS } from "./secrets-clients.js";

/** The calls --read-metadata makes: reads of metadata only, never of a secret's value. */
export type SecretsCall = "secretsmanager:DescribeSecret" | "ssm:DescribeParameters";

// The codes for a secret or parameter that is not there (API references, DescribeSecret and GetParameter "Errors").
const NOT_FOUND = new Set(["ResourceNotFoundException", "ParameterNotFound"]);
// Codes for a request the service refused as malformed: an ARN of another partition, a bad name.
const REFUSED = new Set(["InvalidParameterException", "InvalidRequestException", "ValidationException", "InvalidFilterValue"]);

/**
 * An SDK error from `call` about `subject` -> the reason it could not be read, for a warning that
 * lets the run go on (one secret shared from an account that denies it should not stop the
 * others). Throws a UsageError when nothing else would work either (no or bad credentials,
 * throttling), and the error itself when it is no input problem (a bug, or AWS down).
 */
export function unreadableReason(error: unknown, call: SecretsCall, subject: string, region: string): string {
  if (!(error instanceof Error)) throw error;
  if (NOT_FOUND.has(error.name)) return `not found in ${region} (${error.name})`;
  if (REFUSED.has(error.name)) return `refused (${error.name}: ${oneLine(error.message)})`;
  const failure = classifyAwsError(error);
  if (failure === undefined) throw error;
  if (failure.kind === "access-denied") return `denied: tighten needs ${call} (read-only) on it`;
  const message = commonFailureMessage(failure, { prefix: "--read-metadata", callDescription: `${call} for ${subject} in ${region}`, maxAttempts: SECRETS_MAX_ATTEMPTS });
  throw message === undefined ? error : new UsageError(message);
}
