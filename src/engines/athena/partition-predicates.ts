import type { TimeWindow } from "../time-window.js";
import { inList, stringParameter, type SqlFragment } from "./query-text.js";

/** What one Athena scan reads: the window, and the accounts and regions when narrowed. */
export interface ScanScope {
  readonly window: TimeWindow;
  readonly accounts: readonly string[]; // empty: every account the table holds
  readonly regions: readonly string[]; // empty: every region
  /**
   * Only events with a parseable eventtime: a scan grouped by hour places each call in its hour, and
   * an event without a time lies in none (as queries/local/usage.sql leaves it out of such a scan).
   */
  readonly datedOnly?: boolean;
}

/**
 * The table's partition columns, as `tighten athena init` declares them (partition projection over
 * the CloudTrail delivery layout AWSLogs/ACCOUNT/CloudTrail/REGION/yyyy/MM/dd). `timestamp` is a
 * reserved word in Athena's SQL and must be quoted; the others are quoted alike.
 */
export const PARTITION_COLUMNS = { account: '"account"', region: '"region"', day: '"timestamp"' } as const;

/**
 * The predicates a scan may carry. Partition projection prunes only on predicates it can evaluate
 * against partition values before reading (comparisons and IN lists of constants on a partition
 * column), so each constraint is its own plain predicate, present only when asked for, rather
 * than one always-present `(? IS NULL OR ...)` that leaves pruning to the optimizer.
 */
const PREDICATES = {
  fromDay: `${PARTITION_COLUMNS.day} >= ?`,
  toDay: `${PARTITION_COLUMNS.day} <= ?`,
  // The exact window, as the local engine filters eventTime: [since, until), unparseable times out.
  since: "try(from_iso8601_timestamp(eventtime)) >= from_iso8601_timestamp(?)",
  until: "try(from_iso8601_timestamp(eventtime)) < from_iso8601_timestamp(?)",
  dated: "try(from_iso8601_timestamp(eventtime)) IS NOT NULL",
  everything: "TRUE",
} as const;

const DAY_MS = 86_400_000;
// As for the local engine's path pruning (engines/local/log-files.ts): CloudTrail delivers a file
// about 5 to 15 minutes after its events, so the folder of the day before or after the window can
// hold events inside it. A day of margin on each side keeps them; eventtime then filters exactly.
const DELIVERY_MARGIN_MS = DAY_MS;

/** The first and last `yyyy/MM/dd` partition that can hold an event of the window; null: unbounded. */
export function partitionDays(window: TimeWindow): { readonly from: string | null; readonly to: string | null } {
  // A day D can hold the window when D + 1 day + margin > since and D - margin < until.
  const from = window.since === null ? null : floorDay(window.since.getTime() - DAY_MS - DELIVERY_MARGIN_MS) + DAY_MS;
  const to = window.until === null ? null : ceilDay(window.until.getTime() + DELIVERY_MARGIN_MS) - DAY_MS;
  return { from: from === null ? null : dayPartition(from), to: to === null ? null : dayPartition(to) };
}

/**
 * The WHERE clause of a scan: partition days with their margin, accounts, regions and the exact
 * window on eventtime, all as parameters. With no constraint at all (`--since all` over every
 * account and region) it is `TRUE`.
 */
export function scanFilter(scope: ScanScope): SqlFragment {
  const parts: SqlFragment[] = [];
  const days = partitionDays(scope.window);
  if (days.from !== null) parts.push({ sql: PREDICATES.fromDay, parameters: stringParameter(days.from).parameters });
  if (days.to !== null) parts.push({ sql: PREDICATES.toDay, parameters: stringParameter(days.to).parameters });
  if (scope.accounts.length > 0) parts.push(inList(PARTITION_COLUMNS.account, [...new Set(scope.accounts)].sort()));
  if (scope.regions.length > 0) parts.push(inList(PARTITION_COLUMNS.region, [...new Set(scope.regions)].sort()));
  if (scope.window.since !== null) parts.push({ sql: PREDICATES.since, parameters: stringParameter(scope.window.since.toISOString()).parameters });
  if (scope.window.until !== null) parts.push({ sql: PREDICATES.until, parameters: stringParameter(scope.window.until.toISOString()).parameters });
  // A bounded window already leaves undated events out: their time compares as NULL.
  if (scope.datedOnly === true && scope.window.since === null && scope.window.until === null) parts.push({ sql: PREDICATES.dated, parameters: [] });
  if (parts.length === 0) return { sql: PREDICATES.everything, parameters: [] };
  return { sql: parts.map((part) => part.sql).join("\n    AND "), parameters: parts.flatMap((part) => part.parameters) };
}

function floorDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function ceilDay(ms: number): number {
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}

/** A UTC day as the `timestamp` partition spells it: yyyy/MM/dd. */
function dayPartition(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll("-", "/");
}
