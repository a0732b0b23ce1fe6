import { setTimeout as sleepFor } from "node:timers/promises";
import {
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import { UsageError } from "../../usage-error.js";
import { classifyAwsError, oneLine } from "../aws-failure.js";
import { athenaCallError, QueryInterrupted } from "./athena-errors.js";

/**
 * The one place an Athena statement is started, watched and stopped: `tighten athena init`'s DDL and
 * the engine's queries both come here. Athena runs statements asynchronously: StartQueryExecution,
 * then GetQueryExecution until the state is final (Athena API reference, QueryExecutionStatus).
 */

/** The Athena calls the poller makes. */
export type StatementCall = "StartQueryExecution" | "GetQueryExecution" | "StopQueryExecution";

export interface StatementRequest {
  readonly sql: string;
  /** ExecutionParameters, in the order of the `?`s. */
  readonly parameters?: readonly string[];
  /** The database unqualified names refer to; DDL names its own. */
  readonly database?: string;
  readonly workgroup: string;
  /** s3://bucket/prefix/ for the results; unset: the workgroup's own result location. */
  readonly outputLocation?: string | undefined;
}

/** Where SIGINT comes from: the process, or a stand-in in tests. */
export interface InterruptSource {
  on(event: "SIGINT", listener: () => void): unknown;
  off(event: "SIGINT", listener: () => void): unknown;
}

/**
 * How often GetQueryExecution is asked: from `firstMs`, doubling up to `maxMs`, each wait drawn
 * between half and all of it so that concurrent runs do not poll in step. GetQueryExecution has a
 * low per-account request rate shared with every other Athena user of the account (Athena User
 * Guide, "Service Quotas": API rate limits), so the wait grows while a statement runs.
 */
export interface PollSchedule {
  readonly firstMs: number;
  readonly maxMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = { firstMs: 200, maxMs: 5000 };

/** Time as the poller sees it; tests pass a fake one so that backoff is observed, not waited for. */
export interface PollClock {
  now(): number;
  /** Resolves after `ms`, or early once `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const REAL_CLOCK: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }).catch(() => undefined),
};

export interface StatementWatch {
  readonly timeoutMs: number;
  readonly schedule?: PollSchedule;
  /** Stop the statement once Statistics.DataScannedInBytes passes this (--max-cost). */
  readonly maxScannedBytes?: number;
  /** SIGINT stops the statement; unset: the process's. */
  readonly interrupts?: InterruptSource;
  readonly clock?: PollClock;
  readonly random?: () => number;
  /** An SDK error from `call` -> what to throw (a one-line UsageError where the user can act). */
  readonly callError: (error: unknown, call: StatementCall) => unknown;
}

/**
 * How a statement ended. "timed-out", "over-budget" and "interrupted" are tighten's own stops;
 * Athena then reports the statement CANCELLED, and bills what it scanned (Athena pricing: cancelled
 * queries are charged for the data scanned, failed ones are not).
 */
export type StatementEnd = "succeeded" | "failed" | "cancelled" | "timed-out" | "over-budget" | "interrupted";

export interface StatementOutcome {
  readonly id: string;
  readonly end: StatementEnd;
  /** The last GetQueryExecution answer: state, statistics, result location. */
  readonly execution: QueryExecution;
  /** For tighten's own stops: whether Athena accepted StopQueryExecution (if not, the statement may run on). */
  readonly stopped: boolean;
}

/**
 * Starts a statement and waits for its end. Throttled status calls do not end the wait (the
 * statement runs on in Athena whatever tighten's rate): the poller backs off and asks again. Any
 * other failure of a status call stops the statement, as far as Athena still answers, and is thrown.
 */
export async function runStatement(client: AthenaClient, request: StatementRequest, watch: StatementWatch): Promise<StatementOutcome> {
  const interrupts = watch.interrupts ?? process;
  const interrupted = new AbortController();
  const onInterrupt = (): void => {
    // The default handler comes back, so a second Ctrl-C ends the process without waiting for Athena.
    interrupts.off("SIGINT", onInterrupt);
    interrupted.abort();
  };
  interrupts.on("SIGINT", onInterrupt);
  try {
    const started = await call(watch, "StartQueryExecution", () =>
      client.send(
        new StartQueryExecutionCommand({
          QueryString: request.sql,
          ...(request.parameters !== undefined && request.parameters.length > 0 ? { ExecutionParameters: [...request.parameters] } : {}),
          ...(request.database !== undefined ? { QueryExecutionContext: { Database: request.database } } : {}),
          WorkGroup: request.workgroup,
          ...(request.outputLocation !== undefined ? { ResultConfiguration: { OutputLocation: request.outputLocation } } : {}),
        }),
      ),
    );
    if (started.QueryExecutionId === undefined) throw new Error("Athena StartQueryExecution returned no QueryExecutionId");
    return await waitFor(client, started.QueryExecutionId, watch, interrupted.signal);
  } finally {
    interrupts.off("SIGINT", onInterrupt);
  }
}

async function waitFor(client: AthenaClient, id: string, watch: StatementWatch, interrupted: AbortSignal): Promise<StatementOutcome> {
  const clock = watch.clock ?? REAL_CLOCK;
  const schedule = watch.schedule ?? DEFAULT_POLL_SCHEDULE;
  const random = watch.random ?? Math.random;
  const deadline = clock.now() + watch.timeoutMs;
  let delay = schedule.firstMs;
  let execution: QueryExecution = { QueryExecutionId: id };
  for (;;) {
    if (interrupted.aborted) return stop(client, id, "interrupted", execution, watch);
    let throttled = false;
    try {
      execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution ?? execution;
    } catch (error) {
      const kind = classifyAwsError(error)?.kind;
      if (kind !== "throttled") {
        // Left alone, the statement would run on and bill until Athena's own timeout; an endpoint
        // that cannot be reached will not take the stop either.
        if (kind !== "unreachable") await stop(client, id, "interrupted", execution, watch);
        throw watch.callError(error, "GetQueryExecution");
      }
      throttled = true;
    }
    const state = execution.Status?.State;
    if (state === "SUCCEEDED") return { id, end: "succeeded", execution, stopped: false };
    if (state === "FAILED") return { id, end: "failed", execution, stopped: false };
    if (state === "CANCELLED") return { id, end: "cancelled", execution, stopped: false };
    if (interrupted.aborted) continue;
    const scanned = execution.Statistics?.DataScannedInBytes ?? 0;
    if (watch.maxScannedBytes !== undefined && scanned > watch.maxScannedBytes) return stop(client, id, "over-budget", execution, watch);
    const left = deadline - clock.now();
    if (left <= 0) return stop(client, id, "timed-out", execution, watch);
    const wait = throttled ? schedule.maxMs : delay / 2 + (random() * delay) / 2;
    await clock.sleep(Math.min(wait, left), interrupted);
    delay = Math.min(delay * 2, schedule.maxMs);
  }
}

/**
 * StopQueryExecution, then one more look for the statistics the stop left: a stopped query is
 * billed for what it scanned up to then, which the last poll did not see yet.
 */
async function stop(client: AthenaClient, id: string, end: StatementEnd, last: QueryExecution, watch: StatementWatch): Promise<StatementOutcome> {
  try {
    await call(watch, "StopQueryExecution", () => client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })));
  } catch {
    return { id, end, execution: last, stopped: false };
  }
  try {
    const final = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution ?? last;
    return { id, end, execution: final, stopped: true };
  } catch {
    return { id, end, execution: last, stopped: true };
  }
}

async function call<T>(watch: StatementWatch, name: StatementCall, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw watch.callError(error, name);
  }
}

// ---- DDL: `tighten athena init` ----

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
  readonly clock?: PollClock;
  readonly random?: () => number;
  readonly interrupts?: InterruptSource;
  readonly timeoutMs?: number;
}

/**
 * DDL takes about a second, so the first look is soon and the wait grows to 2 s at most. Athena's
 * own limit on a DDL statement is far longer (Service Quotas, "DDL query timeout"); five minutes is
 * already a statement that is stuck.
 */
const DDL_SCHEDULE: PollSchedule = { firstMs: 200, maxMs: 2_000 };
const DDL_TIMEOUT_MS = 5 * 60_000;

/** Runs one DDL statement to completion; returns its query execution id, or throws a one-line UsageError. */
export async function runAthenaStatement(client: AthenaClient, statement: string, target: StatementTarget, options: StatementOptions): Promise<string> {
  const timeoutMs = options.poll?.timeoutMs ?? DDL_TIMEOUT_MS;
  const outcome = await runStatement(
    client,
    { sql: statement, workgroup: target.workgroup, outputLocation: target.outputLocation },
    {
      timeoutMs,
      schedule: DDL_SCHEDULE,
      callError: (error, call) => athenaCallError(error, call, options.prefix, target.region),
      ...(options.poll?.clock !== undefined ? { clock: options.poll.clock } : {}),
      ...(options.poll?.random !== undefined ? { random: options.poll.random } : {}),
      ...(options.poll?.interrupts !== undefined ? { interrupts: options.poll.interrupts } : {}),
    },
  );
  const { id, end, execution } = outcome;
  const stopped = outcome.stopped ? "stopped it" : "could not stop it";
  switch (end) {
    case "succeeded":
      return id;
    case "timed-out":
      throw new UsageError(
        `${options.prefix}: Athena was still running ${options.label} (${execution.Status?.State ?? "no state"}) after ${Math.round(timeoutMs / 1000)} s; ${stopped} (query ${id})`,
      );
    case "interrupted":
      throw new QueryInterrupted(`interrupted: ${outcome.stopped ? "stopped" : "could not stop"} Athena statement ${options.label} (${id})`);
    case "over-budget":
      throw new Error("a DDL statement has no scan budget");
    case "failed":
    case "cancelled": {
      const reason = oneLine(execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage ?? "no reason given");
      const hint = end === "failed" ? options.failureHint?.(reason) : undefined;
      throw new UsageError(`${options.prefix}: Athena ${end === "cancelled" ? "cancelled" : "could not run"} ${options.label}: ${reason}${hint !== undefined ? `; ${hint}` : ""} (query ${id})`);
    }
  }
}
