import { Interrupted } from "../../interrupted.js";
import { UsageError } from "../../usage-error.js";
import { awsServiceError, classifyAwsError, commonFailureMessage, oneLine } from "../aws-failure.js";
import { ATHENA_MAX_ATTEMPTS } from "./athena-client.js";

/** The Athena calls `tighten athena init` and the table reader make. */
export type AthenaCall = "StartQueryExecution" | "GetQueryExecution" | "StopQueryExecution" | "GetTableMetadata";

/** The run was interrupted (SIGINT) and its Athena statement stopped: exit 130 (see Interrupted). */
export class QueryInterrupted extends Interrupted {
  override readonly name = "QueryInterrupted";
}

/**
 * An SDK error from `call` -> the one-line UsageError a user can act on; `prefix` names the flag or
 * command at fault. InvalidRequestException is Athena's answer to a request it cannot run as given
 * (an unknown workgroup, no output location, a bad S3 URI): its message says which, and is passed on.
 * Any other answer from Athena (a 5xx, an error code tighten does not know) is worded with the call
 * it answered; an error no SDK call threw comes back unchanged (a bug).
 */
export function athenaCallError(error: unknown, call: AthenaCall, prefix: string, region: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === "InvalidRequestException") return new UsageError(`${prefix}: Athena ${call} in ${region} refused the request: ${oneLine(error.message)}`);
  const failure = classifyAwsError(error) ?? awsServiceError(error);
  if (failure === undefined) return error;
  if (failure.kind === "access-denied") {
    return new UsageError(`${prefix}: Athena ${call} in ${region} was denied: tighten needs athena:${call} on the workgroup (${oneLine(error.message)})`);
  }
  const message = commonFailureMessage(failure, { prefix, callDescription: `Athena ${call} in ${region}`, maxAttempts: ATHENA_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}

/** Runs one Athena call, turning its failure into a usage error where the user can fix it. */
export async function callAthena<T>(call: AthenaCall, prefix: string, region: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw athenaCallError(error, call, prefix, region);
  }
}

// S3 error codes for an object or bucket that is not there (S3 API reference, "Error responses").
const MISSING = new Set(["NoSuchKey", "NoSuchBucket", "NotFound"]);

/**
 * A failure reading a query's result file from S3 -> one line naming the file. Reading it needs
 * s3:GetObject on the result location, which GetQueryResults needs too (Athena API reference,
 * GetQueryResults: "the IAM principal with permission to call GetQueryResults also must have
 * permissions to the Amazon S3 GetObject action for the Athena query results location"), so the
 * S3 read asks for no permission tighten did not already need. A connection lost while the body
 * streams is no SDK error with $metadata, but it is the same failure: the network, not tighten.
 */
export function resultFileError(error: unknown, location: string, prefix: string): unknown {
  if (!(error instanceof Error)) return error;
  const where = `reading the query result file ${location}`;
  if (MISSING.has(error.name)) return new UsageError(`${prefix}: ${where}: it is not there (${error.name}); was it deleted by a lifecycle rule?`);
  const failure = classifyAwsError(error) ?? awsServiceError(error);
  if (failure?.kind === "access-denied") return new UsageError(`${prefix}: ${where} was denied: tighten needs s3:GetObject on it`);
  if (failure !== undefined) {
    const message = commonFailureMessage(failure, { prefix, callDescription: `S3 GetObject ${where.replace("reading ", "for ")}`, maxAttempts: ATHENA_MAX_ATTEMPTS });
    if (message !== undefined) return new UsageError(message);
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^(ECONNRESET|EPIPE|ETIMEDOUT|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE)$/.test(code)) {
    return new UsageError(`${prefix}: ${where}: the connection broke off (${code}); try again`);
  }
  return error;
}
