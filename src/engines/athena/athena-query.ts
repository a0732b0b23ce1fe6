import type { AthenaClient, QueryExecution } from "@aws-sdk/client-athena";
import type { ResultFileReader } from "../../aws/athena/athena-result-file.js";
import { runStatement, type InterruptSource, type PollClock, type PollSchedule, type StatementOutcome } from "../../aws/athena/athena-statement.js";
import { UsageError } from "../../usage-error.js";
import { budgetBytes, formatBytes, formatDollars, USD_PER_TB, type QueryReport, type QueryStatistics } from "./athena-cost.js";
import { failedQueryMessage, QueryInterrupted, queryCallError, type QueryTarget } from "./athena-errors.js";
import { readQueryResults, type QueryRows } from "./athena-results.js";
import type { BoundQuery } from "./query-text.js";

export { DEFAULT_POLL_SCHEDULE, type InterruptSource, type PollSchedule } from "../../aws/athena/athena-statement.js";

export interface QuerySettings {
  readonly client: AthenaClient;
  readonly target: QueryTarget;
  /** s3://bucket/prefix/ for the results; unset: the workgroup's own result location. */
  readonly outputLocation?: string;
  readonly timeoutSeconds: number;
  /** --max-cost, in US dollars: a query that scans past it is stopped, and the run fails. */
  readonly maxCostUsd?: number;
  /** Told about every query that ran, however it ended: Athena bills cancelled queries too. */
  readonly onQuery?: (report: QueryReport) => void;
  readonly poll?: PollSchedule;
  readonly interrupts?: InterruptSource;
  readonly random?: () => number;
  readonly clock?: PollClock;
  /** Results longer than this many GetQueryResults pages are read from the result file in S3. */
  readonly streamAfterPages?: number;
  readonly readResultFile?: ResultFileReader;
}

export interface FinishedQuery extends QueryRows {
  readonly report: QueryReport;
}

/**
 * Runs one query: start, poll until it ends, read every result row. While it runs, SIGINT stops
 * the query in Athena (it would otherwise run on, and bill, after tighten exits) and the run ends
 * with QueryInterrupted; a second SIGINT ends the process at once. Past the timeout or the
 * --max-cost budget the query is stopped too, and the run fails with one line saying which.
 */
export async function runAthenaQuery(name: string, query: BoundQuery, settings: QuerySettings): Promise<FinishedQuery> {
  const { client, target } = settings;
  const outcome = await runStatement(
    client,
    { sql: query.sql, parameters: query.parameters, database: target.database, workgroup: target.workgroup, outputLocation: settings.outputLocation },
    {
      timeoutMs: settings.timeoutSeconds * 1000,
      callError: (error, call) => queryCallError(error, call, target),
      ...(settings.maxCostUsd !== undefined ? { maxScannedBytes: budgetBytes(settings.maxCostUsd) } : {}),
      ...(settings.poll !== undefined ? { schedule: settings.poll } : {}),
      ...(settings.interrupts !== undefined ? { interrupts: settings.interrupts } : {}),
      ...(settings.random !== undefined ? { random: settings.random } : {}),
      ...(settings.clock !== undefined ? { clock: settings.clock } : {}),
    },
  );
  const report: QueryReport = {
    name,
    queryExecutionId: outcome.id,
    statistics: statisticsOf(outcome.execution),
    ...(outcome.end !== "succeeded" ? { end: outcome.end } : {}),
  };
  settings.onQuery?.(report);
  if (outcome.end !== "succeeded") throw endError(name, outcome, report, settings);
  const rows = await readQueryResults(client, outcome.id, target, {
    execution: outcome.execution,
    ...(settings.streamAfterPages !== undefined ? { streamAfterPages: settings.streamAfterPages } : {}),
    ...(settings.readResultFile !== undefined ? { readResultFile: settings.readResultFile } : {}),
  });
  return { ...rows, report };
}

/** The one line for a query that gave no rows. */
function endError(name: string, outcome: StatementOutcome, report: QueryReport, settings: QuerySettings): Error {
  const { id, execution } = outcome;
  const stopped = outcome.stopped ? "stopped it" : "could not stop it, so it may run on";
  switch (outcome.end) {
    case "failed":
    case "cancelled": {
      const reason = execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage;
      return new UsageError(failedQueryMessage(name, outcome.end === "failed" ? "FAILED" : "CANCELLED", reason, settings.target));
    }
    case "timed-out":
      return new UsageError(
        `--timeout: query ${name} (${id}) did not finish in ${settings.timeoutSeconds} s; ${stopped}. Raise --timeout, or narrow --since, --accounts or --regions`,
      );
    case "over-budget": {
      const usd = settings.maxCostUsd ?? 0;
      return new UsageError(
        `--max-cost ${formatDollars(usd)}: query ${name} (${id}) had scanned ${formatBytes(report.statistics.dataScannedBytes)}, past the ` +
          `${formatBytes(budgetBytes(usd))} that ${formatDollars(usd)} buys at $${USD_PER_TB}/TB; ${stopped}. Raise --max-cost, or narrow --since, --accounts or --regions`,
      );
    }
    case "interrupted":
      return new QueryInterrupted(`interrupted: ${outcome.stopped ? "stopped" : "could not stop"} Athena query ${name} (${id})`);
    case "succeeded":
      return new Error(`query ${name} succeeded`);
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
