import type { GzipEnd } from "./gzip-end.js";

/** What one file gave the scan (queries/local/file-events.sql), copies of events included. */
export interface FileRecords {
  readonly events: number;
  readonly unreadable: number; // lines (or documents) that are not JSON
  readonly notEvents: number; // records that are not JSON objects, or have no CloudTrail field
  readonly undated: number; // events whose eventTime does not parse
  readonly future: number; // events in the window dated more than a day after the scan
}

/** How a file that gave events was read only in part, and how many lines were lost besides. */
export interface PartRead {
  readonly reason: string;
  readonly unreadableLines: number;
}

/**
 * Why a file that gave events was read only in part, or null when it was read whole. `gzip` is the
 * check of a one-event-per-line gzip file (gzip-end.ts); DuckDB stops quietly where such a file breaks.
 */
export function partRead(file: FileRecords, gzip: GzipEnd | undefined): PartRead | null {
  const events = file.events.toLocaleString("en-US");
  if (gzip !== undefined && !gzip.complete) {
    // A cut inside a line leaves that line unreadable: it belongs to the cut, not to the lines before.
    const before = Math.max(0, file.unreadable - 1);
    const earlier = before > 0 ? `; skipped ${lines(before)} before it` : "";
    return { reason: `${gzip.reason} after ${events} events: read the events before it${earlier}`, unreadableLines: before };
  }
  if (file.unreadable > 0) return { reason: `skipped ${lines(file.unreadable)}`, unreadableLines: file.unreadable };
  return null;
}

function lines(count: number): string {
  return `${count.toLocaleString("en-US")} unreadable line${count === 1 ? "" : "s"}`;
}
