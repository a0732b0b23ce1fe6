import { foldScope } from "../mapping/name-tokens.js";
import { compareText } from "../mapping/order.js";
import { eventIdOf, smallerEventId } from "../mapping/permission.js";
import { NAME_SAMPLE, TEMPLATES_PER_CALL, type NameReduction } from "./engine.js";
import type { KeyShape, ObjectKeys, UsageRow } from "./usage-row.js";

/**
 * Rows of an hourly, exact scan (ScanRequest.byHour, NameReduction "exact") merged into one row per
 * call, as a scan of just those hours would give them: counts added, times widened, and the names
 * merged by name, then kept apart ("exact") or folded by mask with the engine's bound
 * ("shapes", what queries/local/usage.sql does), so that a policy made from them is the one
 * `generate` would make from the same hours.
 */
export function mergeUsageRows(rows: readonly UsageRow[], names: NameReduction): UsageRow[] {
  const byCall = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const key = callKey(row);
    byCall.set(key, [...(byCall.get(key) ?? []), row]);
  }
  return [...byCall.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, group]) => {
      const first = group[0] as UsageRow;
      const keys = group.some((row) => row.objectKeys !== null) ? mergeNames(group.flatMap((row) => row.objectKeys?.shapes ?? []), names) : null;
      return {
        ...first,
        objectKeys: keys,
        count: group.reduce((sum, row) => sum + row.count, 0),
        firstSeen: group.map((row) => row.firstSeen).sort(compareText)[0] as string,
        lastSeen: group.map((row) => row.lastSeen).sort(compareText).at(-1) as string,
        ...eventIdOf(group.reduce<string | undefined>((id, row) => smallerEventId(id, row.eventId), undefined)),
      };
    });
}

function callKey(row: UsageRow): string {
  const { principal, principalType, eventSource, eventName, region, account, errorCode, invokedBy, resources, parameters } = row;
  return JSON.stringify([principal, principalType, eventSource, eventName, region, account, errorCode, invokedBy, resources, parameters]);
}

/** Exact entries (one name each) of several hours -> one entry per name, then by NameReduction. */
function mergeNames(entries: readonly KeyShape[], names: NameReduction): ObjectKeys {
  const byName = new Map<string, KeyShape>();
  for (const entry of entries) {
    if (entry.names !== 1 || entry.template === null) throw new Error("mergeUsageRows needs an exact scan: one name per entry");
    const seen = byName.get(entry.min);
    byName.set(
      entry.min,
      seen === undefined
        ? entry
        : { ...seen, calls: seen.calls + entry.calls, firstSeen: min(seen.firstSeen, entry.firstSeen), lastSeen: max(seen.lastSeen, entry.lastSeen) },
    );
  }
  const exact = [...byName.values()].sort((a, b) => compareText(a.template as string, b.template as string) || compareText(a.min, b.min));
  return { distinct: exact.length, exact: names === "exact", shapes: names === "exact" ? exact : foldNames(exact) };
}

/**
 * What the engine's per_mask, ranked and folded stages (queries/local/usage.sql) make of these
 * names, one entry per name: grouped by mask, the busiest TEMPLATES_PER_CALL masks kept and the
 * rest folded by the literal folder before their first generated part (foldScope).
 */
export function foldNames(exact: readonly KeyShape[]): KeyShape[] {
  const byMask = new Map<string, KeyShape>();
  for (const name of exact) {
    const seen = byMask.get(name.template as string);
    byMask.set(name.template as string, seen === undefined ? { ...name, sample: [name.min] } : joined(seen, name, [...seen.sample, name.min].sort(compareText).slice(0, NAME_SAMPLE)));
  }
  const ranked = [...byMask.values()].sort((a, b) => b.names - a.names || compareText(a.template as string, b.template as string) || compareText(a.min, b.min));
  const folded = new Map<string, KeyShape>();
  for (const shape of ranked.slice(TEMPLATES_PER_CALL)) {
    const scope = foldScope(shape.template as string);
    const seen = folded.get(scope);
    folded.set(scope, seen === undefined ? { ...shape, template: null, sample: [] } : joined(seen, shape, []));
  }
  return [
    ...ranked.slice(0, TEMPLATES_PER_CALL).sort((a, b) => compareText(a.template as string, b.template as string) || compareText(a.min, b.min)),
    ...[...folded.values()].sort((a, b) => compareText(a.min, b.min)),
  ];
}

/** Two entries as one: names and calls added, times and extremes widened; the first's mask. */
function joined(a: KeyShape, b: KeyShape, sample: readonly string[]): KeyShape {
  return {
    template: a.template,
    names: a.names + b.names,
    calls: a.calls + b.calls,
    firstSeen: min(a.firstSeen, b.firstSeen),
    lastSeen: max(a.lastSeen, b.lastSeen),
    min: min(a.min, b.min),
    max: max(a.max, b.max),
    sample,
  };
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}

function max(a: string, b: string): string {
  return a > b ? a : b;
}
