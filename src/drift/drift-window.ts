import { parseTimePoint } from "../engines/time-window.js";
import { UsageError } from "../usage-error.js";

/** The window a drift review covers, and how far back the logs are read for last uses before it. */
export interface DriftWindow {
  /** Start of the window, ISO 8601 at second precision, as UsageRow times are written. */
  readonly start: string;
  readonly until: string | null;
  /** Where the scan starts: `start` less the history, so a grant unused in the window can show its last use. */
  readonly readFrom: string;
}

export const DEFAULT_DRIFT_SINCE = "30d";
export const DEFAULT_HISTORY = "90d";

const DURATION = /^(\d+)([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `--history`: a duration (90d, 12h, 30m), or 0 for no look-back. */
export function parseHistory(value: string): number {
  if (value === "0") return 0;
  const match = DURATION.exec(value);
  if (match === null) throw new UsageError(`--history '${value}' is not a duration (90d, 12h, 30m) or 0`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * The window from `--since` (default 30 days back), `--until` and `--history`. CloudTrail's
 * eventTime has whole seconds, so an event is in the window exactly when its time is at or after
 * the start rounded up to the second, and before the end rounded up: rounding up keeps an event
 * from the second before a fractional start out, and lets rows be split by comparing ISO strings.
 */
export function driftWindow(options: { since?: string | undefined; until?: string | undefined; history: string }, now: Date): DriftWindow {
  const start = ceilToSecond(parseTimePoint("--since", options.since ?? DEFAULT_DRIFT_SINCE, now));
  const until = options.until === undefined ? null : ceilToSecond(parseTimePoint("--until", options.until, now));
  if (until !== null && start >= until) throw new UsageError(`--since ${options.since ?? DEFAULT_DRIFT_SINCE} is not before --until ${options.until}`);
  const readFrom = new Date(start.getTime() - parseHistory(options.history));
  return { start: isoSecond(start), until: until === null ? null : isoSecond(until), readFrom: isoSecond(readFrom) };
}

/** Whether a row last seen at `lastSeen` falls in the window; an earlier one is a past use only. */
export function inWindow(lastSeen: string, window: Pick<DriftWindow, "start">): boolean {
  return lastSeen >= window.start;
}

function ceilToSecond(date: Date): Date {
  return new Date(Math.ceil(date.getTime() / 1000) * 1000);
}

function isoSecond(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
