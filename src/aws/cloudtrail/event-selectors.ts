import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from "@aws-sdk/client-cloudtrail";
import { ALL_RESOURCES, type DataEventSelection, type ManagementEventSelection, type ReadWrite } from "./trail-config.js";
import { compareText } from "../../mapping/order.js";

export interface RecordedEvents {
  readonly managementEvents: ManagementEventSelection;
  readonly dataEvents: readonly DataEventSelection[];
}

/**
 * A trail's GetEventSelectors answer -> what it records. A trail uses either basic or advanced
 * selectors (CloudTrail API reference, PutEventSelectors); a trail with neither has CloudTrail's
 * default, all management events and no data events (moto returns no selector for a new trail).
 */
export function recordedEvents(basic: readonly EventSelector[] | undefined, advanced: readonly AdvancedEventSelector[] | undefined): RecordedEvents {
  if ((advanced ?? []).length > 0) return fromAdvanced(advanced ?? []);
  if ((basic ?? []).length > 0) return fromBasic(basic ?? []);
  return { managementEvents: { readOnly: "all", excludedSources: [] }, dataEvents: [] };
}

const READ_WRITE_TYPE: Record<string, ReadWrite> = { All: "all", ReadOnly: "read", WriteOnly: "write" };

function fromBasic(selectors: readonly EventSelector[]): RecordedEvents {
  const management = new ManagementUnion();
  const data = new DataUnion();
  for (const selector of selectors) {
    // Both default when absent: ReadWriteType All, IncludeManagementEvents true (API reference, EventSelector).
    const readOnly = READ_WRITE_TYPE[selector.ReadWriteType ?? "All"] ?? "all";
    if (selector.IncludeManagementEvents ?? true) management.add(readOnly, selector.ExcludeManagementEventSources ?? []);
    for (const resource of selector.DataResources ?? []) {
      if (resource.Type === undefined) continue;
      for (const value of resource.Values ?? []) data.add(resource.Type, readOnly, namesNoResource(value) ? ALL_RESOURCES : value);
    }
  }
  return { managementEvents: management.result(), dataEvents: data.result() };
}

/**
 * A basic selector value naming a service only ("arn:aws:s3", "arn:aws:lambda", "arn:aws:s3:::")
 * selects every resource of the type, present and future (API reference, DataResource "Values").
 */
function namesNoResource(value: string): boolean {
  return /^arn:[a-z-]+:[a-z0-9-]+:*$/.test(value);
}

function fromAdvanced(selectors: readonly AdvancedEventSelector[]): RecordedEvents {
  const management = new ManagementUnion();
  const data = new DataUnion();
  for (const selector of selectors) {
    const fields = selector.FieldSelectors ?? [];
    const categories = new Set(fields.filter((field) => field.Field === "eventCategory").flatMap((field) => field.Equals ?? []));
    const readOnly = readOnlyOf(fields.find((field) => field.Field === "readOnly"));
    if (categories.has("Management")) {
      const excluded = fields.filter((field) => field.Field === "eventSource").flatMap((field) => field.NotEquals ?? []);
      management.add(readOnly, excluded);
    }
    if (categories.has("Data")) {
      const types = fields.filter((field) => field.Field === "resources.type").flatMap((field) => field.Equals ?? []);
      for (const type of types.length > 0 ? types : ["*"]) {
        for (const scope of scopesOf(fields)) data.add(type, readOnly, scope);
      }
    }
  }
  return { managementEvents: management.result(), dataEvents: data.result() };
}

/** readOnly Equals ["true"] selects reads, ["false"] writes; absent (or both) selects all. */
function readOnlyOf(field: AdvancedFieldSelector | undefined): ReadWrite {
  const values = new Set(field?.Equals ?? []);
  if (values.has("true") && !values.has("false")) return "read";
  if (values.has("false") && !values.has("true")) return "write";
  return "all";
}

// Fields that say which calls or resources, beyond type and read/write: shown in the scope so nothing is silently widened.
const HANDLED_FIELDS = new Set(["eventCategory", "readOnly", "resources.type"]);
const OPERATORS = ["Equals", "StartsWith", "EndsWith", "NotEquals", "NotStartsWith", "NotEndsWith"] as const;

/**
 * resources.ARN StartsWith/Equals values each name a scope (as a basic selector's values do); every
 * other condition (eventName, eventSource, NotStartsWith, ...) is written after " where ".
 */
function scopesOf(fields: readonly AdvancedFieldSelector[]): string[] {
  const arnPrefixes: string[] = [];
  const conditions: string[] = [];
  for (const field of fields) {
    if (field.Field === undefined || HANDLED_FIELDS.has(field.Field)) continue;
    for (const operator of OPERATORS) {
      const values = field[operator];
      if (values === undefined || values.length === 0) continue;
      if (field.Field === "resources.ARN" && (operator === "StartsWith" || operator === "Equals")) arnPrefixes.push(...values);
      else conditions.push(`${field.Field} ${operator} ${[...values].sort().join("|")}`);
    }
  }
  const bases = arnPrefixes.length > 0 ? arnPrefixes : [ALL_RESOURCES];
  const where = conditions.length > 0 ? ` where ${conditions.sort().join(" and ")}` : "";
  return bases.map((base) => `${base}${where}`);
}

/** Selectors add up: a call is recorded when any selector records it. */
class ManagementUnion {
  private read = false;
  private write = false;
  private excluded: Set<string> | undefined;

  add(readOnly: ReadWrite, excludedSources: readonly string[]): void {
    if (readOnly !== "write") this.read = true;
    if (readOnly !== "read") this.write = true;
    // A source is left out only when every selector that records management events leaves it out.
    const mine = new Set(excludedSources);
    this.excluded = this.excluded === undefined ? mine : new Set([...this.excluded].filter((source) => mine.has(source)));
  }

  result(): ManagementEventSelection {
    const readOnly = this.read && this.write ? "all" : this.read ? "read" : this.write ? "write" : "none";
    return { readOnly, excludedSources: [...(this.excluded ?? [])].sort() };
  }
}

class DataUnion {
  private readonly selections = new Map<string, { resourceType: string; scope: string; read: boolean; write: boolean }>();

  add(resourceType: string, readOnly: ReadWrite, scope: string): void {
    const key = `${resourceType}\n${scope}`;
    const entry = this.selections.get(key) ?? { resourceType, scope, read: false, write: false };
    if (readOnly !== "write") entry.read = true;
    if (readOnly !== "read") entry.write = true;
    this.selections.set(key, entry);
  }

  result(): DataEventSelection[] {
    return [...this.selections.values()]
      .map(({ resourceType, scope, read, write }) => ({ resourceType, readOnly: read && write ? ("all" as const) : read ? ("read" as const) : ("write" as const), scope }))
      .sort((a, b) => compareText(a.resourceType, b.resourceType) || compareText(a.scope, b.scope));
  }
}
