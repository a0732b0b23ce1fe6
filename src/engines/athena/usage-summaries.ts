import type { ObservedCall } from "../../mapping/unobservable-actions.js";
import type { PrincipalSummary } from "../engine.js";
import type { UsageRow } from "../usage-row.js";

/*
 * What `roles` lists and what the data event judgement reads, summed over the usage rows of every
 * principal: the Athena engine's one query returns those rows, and a second query for these sums
 * would scan the window again. The sums are queries/local/principals.sql and observed-calls.sql,
 * which the local engine runs over the same rows; the orders are SQL's (by UTF-8 bytes).
 */

/** Every principal seen, busiest first: calls, errors, services and first and last use. */
export function principalSummaries(rows: readonly UsageRow[]): PrincipalSummary[] {
  const byPrincipal = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const group = byPrincipal.get(row.principal);
    if (group === undefined) byPrincipal.set(row.principal, [row]);
    else group.push(row);
  }
  return [...byPrincipal.entries()]
    .map(([principal, group]) => {
      // Rows of undated calls say '' (read only when no window is asked): no first or last use.
      const dated = group.flatMap((row) => [row.firstSeen, row.lastSeen]).filter((time) => time !== "");
      return {
        principal,
        principalType: busiestType(group),
        calls: sum(group),
        services: [...new Set(group.map((row) => row.eventSource))].sort(compareBytes),
        errors: sum(group.filter((row) => row.errorCode !== null)),
        firstSeen: dated.reduce((min, time) => (min === "" || time < min ? time : min), ""),
        lastSeen: dated.reduce((max, time) => (time > max ? time : max), ""),
      };
    })
    .sort((a, b) => b.calls - a.calls || compareBytes(a.principal, b.principal));
}

/** Every (eventSource, eventName) seen from any principal, successful or not. */
export function observedCalls(rows: readonly UsageRow[]): ObservedCall[] {
  const calls = new Map<string, ObservedCall>();
  for (const row of rows) calls.set(JSON.stringify([row.eventSource, row.eventName]), { eventSource: row.eventSource, eventName: row.eventName });
  return [...calls.values()].sort((a, b) => compareBytes(a.eventSource, b.eventSource) || compareBytes(a.eventName, b.eventName));
}

/**
 * A principal seen under two identity types (rare: a role ARN both assumed and named directly) is
 * listed under the type of most of its calls; on a tie, the first type by name.
 */
function busiestType(rows: readonly UsageRow[]): string {
  const calls = new Map<string, number>();
  for (const row of rows) calls.set(row.principalType, (calls.get(row.principalType) ?? 0) + row.count);
  return [...calls.entries()].sort(([a, x], [b, y]) => y - x || compareBytes(a, b))[0]![0];
}

function sum(rows: readonly UsageRow[]): number {
  return rows.reduce((total, row) => total + row.count, 0);
}

/** SQL's order of VARCHAR in both engines: by UTF-8 bytes, which is by code point (not UTF-16 unit). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
