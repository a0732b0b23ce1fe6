import { setTimeout as sleep } from "node:timers/promises";
import {
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import { UsageError } from "../../usage-error.js";
import { callAthenaForQuery, failedQueryMessage, QueryInterrupted, type QueryTarget } from "./athena-errors.js";
import type { QueryReport, QueryStatistics } from "./athena-cost.js";
import { readQueryResults, type QueryRows } from "./athena-results.js";
import type { BoundQuery } from "./query-text.js";

/** Where SIGINT comes from: the process, or a stand-in in tests. */
export interface InterruptSource {
  on(event: "SIGINT", listener: () => void): unknown;
  off(event: "SIGINT", listener: () => void): unknown;
}

/**
 * How often GetQueryExecution is asked: from `firstMs`, doubling up to `maxMs`, each wait drawn
 * between half and all of it so that concurrent runs do not poll in step. Athena's own guidance
 * is to poll with backoff; GetQueryExecution shares a low per-account request rate.
 */
export interface PollSchedule {
  readonly firstMs: number;
  readonly maxMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = { firstMs: 200, maxMs: 5000 };

export interface QuerySettings {
  readonly client: AthenaClient;
  readonly target: QueryTarget;
  /** s3://bucket/prefix/ for the results; unset: the workgroup's own result location. */
  readonly outputLocation?: string;
  readonly timeoutSeconds: number;
  readonly poll?: PollSchedule;
  readonly interrupts?: InterruptSource;
  readonly random?: () => number;
}

export interface FinishedQuery extends QueryRows {
  readonly report: QueryReport;
}

/**
 * Runs one query: start, poll until it ends, read every result page. While it runs, SIGINT stops
 * the query in Athena (it would otherwise run on, and bill, after tighten exits) and the run ends
 * with QueryInterrupted; a second SIGINT ends the process at once. Past the timeout the query is
 * stopped too.
 */
export async function runAthenaQuery(name: string, query: BoundQuery, settings: QuerySettings): Promise<FinishedQuery> {
  const { client, target } = settings;
  const interrupts = settings.interrupts ?? process;
  const interrupted = new AbortController();
  const onInterrupt = (): void => {
    // The default handler comes back, so a second Ctrl-C ends the process without waiting for Athena.
    interrupts.off("SIGINT", onInterrupt);
    interrupted.abort();
  };
  interrupts.on("SIGINT", onInterrupt);
  let execution: QueryExecution;
  let id: string;
  try {
    const started = await callAthenaForQuery("StartQueryExecution", target, () =>
      client.send(
        new StartQueryExecutionCommand({
          QueryString: query.sql,
          ...(query.parameters.length > 0 ? { ExecutionParameters: [...query.parameters] } : {}),
          QueryExecutionContext: { Database: target.database },
          WorkGroup: target.workgroup,
          ...(settings.outputLocation !== undefined ? { ResultConfiguration: { OutputLocation: settings.outputLocation } } : {}),
        }),
      ),
    );
    if (started.QueryExecutionId === undefined) throw new Error("Athena StartQueryExecution returned no QueryExecutionId");
    id = started.QueryExecutionId;
    execution = await waitForQuery(name, id, settings, interrupted.signal);
  } finally {
    interrupts.off("SIGINT", onInterrupt);
  }
  const rows = await readQueryResults(client, id, target);
  return { ...rows, report: { name, queryExecutionId: id, statistics: statisticsOf(execution) } };
}

async function waitForQuery(name: string, id: string, settings: QuerySettings, interrupted: AbortSignal): Promise<QueryExecution> {
  const { client, target } = settings;
  const poll = settings.poll ?? DEFAULT_POLL_SCHEDULE;
  const random = settings.random ?? Math.random;
  const deadline = Date.now() + settings.timeoutSeconds * 1000;
  let delay = poll.firstMs;
  for (;;) {
    if (interrupted.aborted) {
      const stopped = await stopQuery(id, settings);
      throw new QueryInterrupted(`interrupted: ${stopped ? "stopped" : "could not stop"} Athena query ${name} (${id})`);
    }
    const answer = await callAthenaForQuery("GetQueryExecution", target, () => client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })));
    const execution = answer.QueryExecution ?? {};
    const state = execution.Status?.State;
    if (state === "SUCCEEDED") return execution;
    if (state === "FAILED" || state === "CANCELLED") {
      const reason = execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage;
      throw new UsageError(failedQueryMessage(name, state, reason, target));
    }
    if (interrupted.aborted) continue;
    const left = deadline - Date.now();
    if (left <= 0) {
      const stopped = await stopQuery(id, settings);
      throw new UsageError(
        `--timeout: query ${name} (${id}) did not finish in ${settings.timeoutSeconds} s; ${stopped ? "stopped it" : "could not stop it"}.` +
          " Raise --timeout, or narrow --since, --accounts or --regions",
      );
    }
    const wait = Math.min(delay / 2 + (random() * delay) / 2, left);
    await sleep(wait, undefined, { signal: interrupted }).catch(() => undefined);
    delay = Math.min(delay * 2, poll.maxMs);
  }
}

/** Stops a query; false when Athena refused (the query may run on), which the caller says. */
async function stopQuery(id: string, settings: QuerySettings): Promise<boolean> {
  try {
    await callAthenaForQuery("StopQueryExecution", settings.target, () => settings.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })));
    return true;
  } catch {
    return false;
  }
}

function statisticsOf(execution: QueryExecution): QueryStatistics {
  const statistics = execution.Statistics ?? {};
  return {
    dataScannedBytes: statistics.DataScannedInBytes ?? 0,
    totalExecutionMs: statistics.TotalExecutionTimeInMillis ?? 0,
    engineExecutionMs: statistics.EngineExecutionTimeInMillis ?? 0,
  };
}
