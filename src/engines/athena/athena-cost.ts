import type { StatementEnd } from "../../aws/athena/athena-statement.js";

/** What Athena reports about a finished query (GetQueryExecution Statistics). */
export interface QueryStatistics {
  readonly dataScannedBytes: number;
  readonly totalExecutionMs: number; // queued, planned, run and written
  readonly engineExecutionMs: number; // run only
}

/**
 * How a query ended, as billing sees it: a query tighten stopped (--timeout, --max-cost, Ctrl-C)
 * ends CANCELLED in Athena and is billed like one.
 */
export type QueryEnd = StatementEnd;

/** One query that ran, whatever its end: its name (the queries/athena file) and its statistics, for the stderr line. */
export interface QueryReport {
  readonly name: string;
  readonly queryExecutionId: string;
  readonly statistics: QueryStatistics;
  /** Unset: succeeded. */
  readonly end?: QueryEnd;
}

const MB = 1024 ** 2;
const TB = 1024 ** 4;
/*
 * Athena pricing, SQL queries (aws.amazon.com/athena/pricing): $5.00 per TB scanned, rounded up to
 * the nearest megabyte, with a 10 MB minimum per query; DDL and failed queries are not charged,
 * cancelled queries are charged for the data they scanned. As restated by rcpedia.stanford.edu
 * (services/athena.html) and athena.guide ("Athena Basics: Pricing Model"); the AWS page itself was
 * not at hand when this was written. Some regions charge more: an estimate, and said to be one.
 */
export const USD_PER_TB = 5;
export const MINIMUM_BILLED_MB = 10;

/** The estimated charge for a query that scanned `bytes`, in US dollars. */
export function queryCost(bytes: number): number {
  const billedMb = Math.max(MINIMUM_BILLED_MB, Math.ceil(bytes / MB));
  return ((billedMb * MB) / TB) * USD_PER_TB;
}

/** What a query that ended so is billed: nothing when it failed. */
export function billedCost(report: QueryReport): number {
  return report.end === "failed" ? 0 : queryCost(report.statistics.dataScannedBytes);
}

/** --max-cost in bytes: the scan that costs `usd` at USD_PER_TB. */
export function budgetBytes(usd: number): number {
  return Math.floor((usd / USD_PER_TB) * TB);
}

// How each end reads on the cost line, after the query's name.
const END_WORDS: Readonly<Record<QueryEnd, string>> = {
  succeeded: "scanned",
  failed: "failed after scanning",
  cancelled: "was cancelled after scanning",
  "timed-out": "stopped at --timeout after scanning",
  "over-budget": "stopped at --max-cost after scanning",
  interrupted: "stopped by Ctrl-C after scanning",
};

/** `athena: usage-rows scanned 1.2 GB in 8.4 s (engine 7.9 s), about $0.0059` */
export function formatQueryReport(report: QueryReport): string {
  const { dataScannedBytes, totalExecutionMs, engineExecutionMs } = report.statistics;
  const end = report.end ?? "succeeded";
  const cost = end === "failed" ? "not billed (Athena does not charge failed queries)" : `about ${formatDollars(billedCost(report))}`;
  return `athena: ${report.name} ${END_WORDS[end]} ${formatBytes(dataScannedBytes)} in ${seconds(totalExecutionMs)} (engine ${seconds(engineExecutionMs)}), ${cost}`;
}

/**
 * The cost lines of one command: each query's line, and from the second query on the total so far,
 * so that the last line written is the command's total even when a later query fails.
 */
export class CostTally {
  private queries = 0;
  private bytes = 0;
  private ms = 0;
  private usd = 0;

  line(report: QueryReport): string {
    this.queries++;
    this.bytes += report.statistics.dataScannedBytes;
    this.ms += report.statistics.totalExecutionMs;
    this.usd += billedCost(report);
    const total = this.queries > 1 ? `; ${this.queries} queries in all: ${formatBytes(this.bytes)} in ${seconds(this.ms)}, about ${formatDollars(this.usd)}` : "";
    return `${formatQueryReport(report)}${total}`;
  }
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Two significant digits, and at least four decimals under a dollar (the 10 MB minimum is $0.000048). */
export function formatDollars(usd: number): string {
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd <= 0) return "$0.0000";
  const decimals = Math.max(4, 1 - Math.floor(Math.log10(usd)));
  return `$${usd.toFixed(decimals)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
