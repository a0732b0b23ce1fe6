import { GetQueryExecutionCommand, StartQueryExecutionCommand, type AthenaClient, type QueryExecution } from "@aws-sdk/client-athena";
import { UsageError } from "../../usage-error.js";
import { oneLine } from "../aws-failure.js";
import { callAthena } from "./athena-errors.js";

export interface StatementTarget {
  readonly region: string;
  readonly workgroup: string;
  /** s3://... for the results; undefined uses the workgroup's own result location. */
  readonly outputLocation: string | undefined;
}

export interface StatementOptions {
  /** Starts the UsageError messages: the command or flag the statement runs for. */
  readonly prefix: string;
  /** A few words for messages: "CREATE EXTERNAL TABLE tighten.cloudtrail". */
  readonly label: string;
  /** Advice to add when Athena reports the statement FAILED with `reason`. */
  readonly failureHint?: (reason: string) => string | undefined;
  readonly poll?: PollSettings;
}

export interface PollSettings {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

/**
 * Athena runs statements asynchronously: StartQueryExecution, then GetQueryExecution until the
 * state is final (Athena API reference, QueryExecutionStatus). DDL takes about a second, so the
 * first look is soon and the wait doubles up to 2 s, which keeps GetQueryExecution calls (rate
 * limited per account) few.
 */
const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 2_000;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Runs one statement to completion; returns its query execution id, or throws a one-line UsageError. */
export async function runAthenaStatement(client: AthenaClient, statement: string, target: StatementTarget, options: StatementOptions): Promise<string> {
  const started = await callAthena("StartQueryExecution", options.prefix, target.region, () =>
    client.send(
      new StartQueryExecutionCommand({
        QueryString: statement,
        WorkGroup: target.workgroup,
        ...(target.outputLocation !== undefined ? { ResultConfiguration: { OutputLocation: target.outputLocation } } : {}),
      }),
    ),
  );
  const id = started.QueryExecutionId;
  if (id === undefined) throw new Error(`Athena StartQueryExecution returned no QueryExecutionId for ${options.label}`);
  const execution = await waitForQuery(client, id, target.region, options);
  const state = execution.Status?.State;
  if (state === "SUCCEEDED") return id;
  const reason = oneLine(execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage ?? "no reason given");
  const hint = state === "FAILED" ? options.failureHint?.(reason) : undefined;
  throw new UsageError(`${options.prefix}: Athena ${state === "CANCELLED" ? "cancelled" : "could not run"} ${options.label}: ${reason}${hint !== undefined ? `; ${hint}` : ""} (query ${id})`);
}

/** GetQueryExecution until SUCCEEDED, FAILED or CANCELLED; a UsageError after the timeout. */
export async function waitForQuery(client: AthenaClient, id: string, region: string, options: StatementOptions): Promise<QueryExecution> {
  const sleep = options.poll?.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.poll?.now ?? Date.now;
  const deadline = now() + (options.poll?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let delay = FIRST_DELAY_MS;
  for (;;) {
    const { QueryExecution: execution } = await callAthena("GetQueryExecution", options.prefix, region, () =>
      client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
    );
    const state = execution?.Status?.State;
    if (execution !== undefined && (state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED")) return execution;
    if (now() >= deadline) {
      throw new UsageError(`${options.prefix}: Athena was still running ${options.label} (${state ?? "no state"}) after ${Math.round((options.poll?.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s (query ${id})`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
