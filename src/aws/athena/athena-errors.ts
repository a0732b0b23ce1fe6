import { UsageError } from "../../usage-error.js";
import { classifyAwsError, commonFailureMessage, oneLine } from "../aws-failure.js";
import { ATHENA_MAX_ATTEMPTS } from "./athena-client.js";

/** The Athena calls `tighten athena init` and the table reader make. */
export type AthenaCall = "StartQueryExecution" | "GetQueryExecution" | "GetTableMetadata";

/**
 * An SDK error from `call` -> the one-line UsageError a user can act on; `prefix` names the flag or
 * command at fault. InvalidRequestException is Athena's answer to a request it cannot run as given
 * (an unknown workgroup, no output location, a bad S3 URI): its message says which, and is passed on.
 */
export function athenaCallError(error: unknown, call: AthenaCall, prefix: string, region: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === "InvalidRequestException") return new UsageError(`${prefix}: Athena ${call} in ${region} refused the request: ${oneLine(error.message)}`);
  const failure = classifyAwsError(error);
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
