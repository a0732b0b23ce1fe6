import type { DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { duckdb } from "./duckdb-module.js";

/**
 * A scan's focus: texts of which a principal the caller will ask usage() for holds at least one
 * (role names, for `generate --role`). Request parameters are the costliest part of a large scan
 * (extracting and reducing them, and the groups their values make: bench/README.md, "One role of
 * a large trail"); a focused scan reads them only for the events of principals in focus, and for
 * every AddRoleToInstanceProfile (whose rows usage() returns for every principal). The other
 * principals' calls are still counted, listed and grouped by call and resources[] (principals(),
 * observedCalls(), the report), without parameters or object keys, so usage() refuses them.
 *
 * Copies are still found among every principal's calls: a redelivered copy repeats its event
 * whole. Outside the focus, though, two events that share eventID, eventTime, call and resources[]
 * but differ in their parameters count as one event and a copy, where a full scan counts two.
 * CloudTrail gives each event its own eventID: only hand-made logs do this.
 */
export type PrincipalFocus = readonly string[];

/** Whether usage() of a focused scan answers for the principal: the test the scan applied, in TypeScript. */
export function inFocus(focus: PrincipalFocus, principal: string): boolean {
  return focus.some((part) => principal.includes(part));
}

/**
 * `extraction` (the request-parameter CASE) for the events in focus only, NULL for the rest, with
 * the focus bound as $focus_0, $focus_1, ...; without a focus, `extraction` for every event.
 * `principal` is the usage query's column, so that the scan and inFocus test the same text for the
 * same substrings.
 */
export function focusedExtractionSql(
  focus: PrincipalFocus | undefined,
  extraction: string,
  principal: string,
  event: string,
): { sql: string; values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  if (focus === undefined) return { sql: extraction, values, types };
  const tests = focus.map((part, i) => {
    values[`focus_${i}`] = part;
    types[`focus_${i}`] = duckdb.VARCHAR;
    return `contains(${principal}, $focus_${i})`;
  });
  const instanceProfile = `(${event}.eventSource = 'iam.amazonaws.com' AND ${event}.eventName = 'AddRoleToInstanceProfile')`;
  const inScope = [...tests, instanceProfile].join(" OR ");
  return { sql: `CASE WHEN ${inScope} THEN ${extraction} END`, values, types };
}
