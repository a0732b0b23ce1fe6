import { awsServiceError, classifyAwsError, commonFailureMessage, oneLine } from "../../aws/aws-failure.js";
import { UsageError } from "../../usage-error.js";
import { ATHENA_MAX_ATTEMPTS } from "../../aws/athena/athena-client.js";

// The poller throws it for queries and DDL alike; the CLI's exit codes know it from here.
export { QueryInterrupted } from "../../aws/athena/athena-errors.js";

/** The Athena calls the engine makes: queries and their results (it writes nothing but results). */
export type AthenaQueryCall = "StartQueryExecution" | "GetQueryExecution" | "GetQueryResults" | "StopQueryExecution";

/** Where a query runs, to name in messages. */
export interface QueryTarget {
  readonly database: string;
  readonly table: string;
  readonly workgroup: string;
}

/** What every message of the engine's Athena calls starts with. */
export const QUERY_PREFIX = "--engine athena";
const PREFIX = QUERY_PREFIX;

/**
 * An SDK error from `call` -> the one-line UsageError a user can act on: refusals, throttling,
 * an endpoint that does not answer, and any other answer from AWS (a 5xx, an unknown code), worded
 * with the call and the workgroup. An error no SDK call threw comes back unchanged: a bug.
 */
export function queryCallError(error: unknown, call: AthenaQueryCall, target: QueryTarget): unknown {
  if (!(error instanceof Error)) return error;
  const where = `workgroup ${target.workgroup}`;
  if (error.name === "InvalidRequestException") return new UsageError(invalidRequestMessage(oneLine(error.message), call, target));
  if (error.name === "ResourceNotFoundException") return new UsageError(`${PREFIX}: Athena ${call} in ${where}: ${oneLine(error.message)}`);
  const failure = classifyAwsError(error) ?? awsServiceError(error);
  if (failure === undefined) return error;
  if (failure.kind === "access-denied") {
    return new UsageError(`${PREFIX}: Athena ${call} in ${where} was denied: tighten needs athena:${call} on the workgroup ${target.workgroup}`);
  }
  const message = commonFailureMessage(failure, { prefix: PREFIX, callDescription: `Athena ${call} in ${where}`, maxAttempts: ATHENA_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}

function invalidRequestMessage(detail: string, call: AthenaQueryCall, target: QueryTarget): string {
  // Athena API reference, StartQueryExecution / ResultConfiguration: without a result location in
  // the request or an enforced one in the workgroup, Athena refuses to start the query.
  if (/output location/i.test(detail)) {
    return `${PREFIX}: the workgroup ${target.workgroup} has no query result location: pass --output s3://BUCKET/PREFIX/ (Athena: ${detail})`;
  }
  if (/workgroup/i.test(detail) && /not (be )?found|does not exist/i.test(detail)) {
    return `--workgroup ${target.workgroup}: no such Athena workgroup in this region (${detail})`;
  }
  return `${PREFIX}: Athena ${call} refused in workgroup ${target.workgroup}: ${detail}`;
}

/** Runs one Athena call, turning its failure into a usage error where the user can fix it. */
export async function callAthenaForQuery<T>(call: AthenaQueryCall, target: QueryTarget, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw queryCallError(error, call, target);
  }
}

/**
 * A query that ended FAILED or CANCELLED -> the message naming the query, the table and the
 * workgroup, with Athena's reason and, where the reason is a known one, what to do.
 */
export function failedQueryMessage(query: string, state: string, reason: string | undefined, target: QueryTarget): string {
  const table = `${target.database}.${target.table}`;
  const why = reason === undefined || reason.trim() === "" ? "Athena gave no reason" : oneLine(reason);
  const verb = state === "CANCELLED" ? "was cancelled" : "failed";
  return `${PREFIX}: query ${query} on ${table} (workgroup ${target.workgroup}) ${verb}: ${why}${hintFor(why, target)}`;
}

// Reasons Athena gives (Athena User Guide, "Troubleshooting"; Trino error names) -> the fix.
const HINTS: readonly { readonly reason: RegExp; readonly hint: (target: QueryTarget) => string }[] = [
  {
    reason: /TABLE_NOT_FOUND|Table .* does not exist|Table not found/i,
    hint: (t) => `; create the table with \`tighten athena init\`, or pass --table (now ${t.table})`,
  },
  {
    reason: /SCHEMA_NOT_FOUND|Schema .* does not exist|Database .* not found/i,
    hint: (t) => `; create it with \`tighten athena init\`, or pass --database (now ${t.database})`,
  },
  {
    reason: /COLUMN_NOT_FOUND|Column .* cannot be resolved/i,
    hint: () => "; the table is not partitioned by account, region and timestamp as `tighten athena init` creates it",
  },
  {
    reason: /output location|query result location|Unable to verify\/create output bucket/i,
    hint: () => "; pass --output s3://BUCKET/PREFIX/ with a bucket you can write to",
  },
];

function hintFor(reason: string, target: QueryTarget): string {
  return HINTS.find((entry) => entry.reason.test(reason))?.hint(target) ?? "";
}
