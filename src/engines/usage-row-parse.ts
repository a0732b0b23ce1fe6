import type { NameReduction } from "./engine.js";
import type { KeyShape, ObjectKeys, ParameterSelection, ResourceRef, UsageRow } from "./usage-row.js";

/**
 * The columns every engine's usage-rows query returns, in this order (queries/local/usage-rows.sql,
 * queries/athena/usage-rows.sql). `resources` and `key_shapes` are JSON text; `parameters` is a list
 * of strings (an engine whose driver hands it over as JSON text parses it first).
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
  "key_count",
  "key_shapes",
  "calls",
  "first_seen",
  "last_seen",
  "event_id",
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
export function toUsageRow(row: UsageRowRecord, selection: ParameterSelection, reduction: NameReduction): UsageRow {
  const eventSource = String(row.event_source);
  const names = selection.parameters[eventSource] ?? [];
  const values = (row.parameters as (string | null)[] | null) ?? [];
  const parameters: Record<string, string | readonly string[]> = {};
  names.forEach((name, index) => {
    const value = values[index];
    if (value === null || value === undefined) return;
    parameters[name] = selection.lists.includes(name) || selection.nested?.[name] !== undefined ? stringList(value) : value;
  });
  const listed = (JSON.parse(String(row.resources ?? "null")) as TrailResource[] | null) ?? [];
  const resources: ResourceRef[] = listed.map((r) => ({ arn: r.ARN, type: r.type, accountId: r.accountId }));
  const shapes = parseKeyShapes(row.key_shapes);
  const objectKeys: ObjectKeys | null = shapes === null ? null : { distinct: Number(row.key_count), exact: reduction === "exact", shapes };
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
    ...(typeof row.event_id === "string" ? { eventId: row.event_id } : {}),
  };
}

/** The engine's shape entries (JSON text of a list of objects) -> KeyShape[]; null when the call named no key. */
function parseKeyShapes(value: unknown): KeyShape[] | null {
  if (value === null || value === undefined) return null;
  const listed = JSON.parse(String(value)) as Record<string, unknown>[] | null;
  if (listed === null) return null;
  return listed.map((shape) => ({
    template: shape.template === null || shape.template === undefined ? null : String(shape.template),
    names: Number(shape.names),
    calls: Number(shape.calls),
    firstSeen: String(shape.first_seen),
    lastSeen: String(shape.last_seen),
    min: String(shape.min),
    max: String(shape.max),
    sample: ((shape.sample as unknown[] | null) ?? []).map(String),
  }));
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
