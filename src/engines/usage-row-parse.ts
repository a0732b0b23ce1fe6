import type { ObjectKeys, ParameterSelection, ResourceRef, UsageRow } from "./usage-row.js";

/**
 * The columns every engine's usage-rows query returns, in this order (queries/local/usage-rows.sql,
 * queries/athena/usage-rows.sql). `resources` is JSON text; `parameters` and `key_sample` are lists
 * of strings (an engine whose driver hands them over as JSON text parses them first).
 */
export const USAGE_ROW_COLUMNS = [
  "principal",
  "principal_type",
  "event_source",
  "event_name",
  "region",
  "account",
  "error_code",
  "invoked_by",
  "resources",
  "parameters",
  "key_scope",
  "key_count",
  "key_sample",
  "key_min",
  "key_max",
  "calls",
  "first_seen",
  "last_seen",
] as const;

export type UsageRowColumn = (typeof USAGE_ROW_COLUMNS)[number];

/** One result row of a usage-rows query, by column name. */
export type UsageRowRecord = Readonly<Record<string, unknown>>;

interface TrailResource {
  readonly ARN: string;
  readonly type: string | null;
  readonly accountId: string | null;
}

/** One usage-rows result row -> a UsageRow; both engines go through here so that they agree. */
export function toUsageRow(row: UsageRowRecord, selection: ParameterSelection): UsageRow {
  const eventSource = String(row.event_source);
  const names = selection.parameters[eventSource] ?? [];
  const values = (row.parameters as (string | null)[] | null) ?? [];
  const parameters: Record<string, string | readonly string[]> = {};
  names.forEach((name, index) => {
    const value = values[index];
    if (value === null || value === undefined) return;
    parameters[name] = selection.lists.includes(name) ? stringList(value) : value;
  });
  const listed = (JSON.parse(String(row.resources ?? "null")) as TrailResource[] | null) ?? [];
  const resources: ResourceRef[] = listed.map((r) => ({ arn: r.ARN, type: r.type, accountId: r.accountId }));
  const objectKeys: ObjectKeys | null =
    row.key_scope === null || row.key_scope === undefined
      ? null
      : {
          scope: String(row.key_scope),
          distinct: Number(row.key_count),
          sample: (row.key_sample as string[]) ?? [],
          min: String(row.key_min),
          max: String(row.key_max),
        };
  return {
    principal: String(row.principal),
    principalType: String(row.principal_type),
    eventSource,
    eventName: String(row.event_name),
    region: String(row.region),
    account: String(row.account),
    errorCode: (row.error_code as string | null) ?? null,
    invokedBy: (row.invoked_by as string | null) ?? null,
    resources,
    parameters,
    objectKeys,
    count: Number(row.calls),
    firstSeen: String(row.first_seen),
    lastSeen: String(row.last_seen),
  };
}

/** A list-valued parameter as the engine passes it: JSON text of an array, or one bare string. */
function stringList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === "string");
  } catch {
    // a single name where a list was expected: keep it as a list of one
  }
  return [value];
}
