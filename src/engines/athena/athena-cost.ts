/** What Athena reports about a finished query (GetQueryExecution Statistics). */
export interface QueryStatistics {
  readonly dataScannedBytes: number;
  readonly totalExecutionMs: number; // queued, planned, run and written
  readonly engineExecutionMs: number; // run only
}

/** One finished query: its name (the queries/athena file) and its statistics, for the stderr line. */
export interface QueryReport {
  readonly name: string;
  readonly queryExecutionId: string;
  readonly statistics: QueryStatistics;
}

const MB = 1024 ** 2;
const TB = 1024 ** 4;
// Athena pricing (SQL queries): $5.00 per TB scanned, rounded up to the nearest megabyte, with a
// 10 MB minimum per query. Regions other than us-east-1 may charge more; this is an estimate.
export const USD_PER_TB = 5;
export const MINIMUM_BILLED_MB = 10;

/** The estimated charge for a query that scanned `bytes`, in US dollars. */
export function queryCost(bytes: number): number {
  const billedMb = Math.max(MINIMUM_BILLED_MB, Math.ceil(bytes / MB));
  return ((billedMb * MB) / TB) * USD_PER_TB;
}

/** `athena: usage-rows scanned 1.2 GB in 8.4 s (engine 7.9 s), about $0.0059` */
export function formatQueryReport(report: QueryReport): string {
  const { dataScannedBytes, totalExecutionMs, engineExecutionMs } = report.statistics;
  return (
    `athena: ${report.name} scanned ${formatBytes(dataScannedBytes)} in ${seconds(totalExecutionMs)}` +
    ` (engine ${seconds(engineExecutionMs)}), about ${formatDollars(queryCost(dataScannedBytes))}`
  );
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
