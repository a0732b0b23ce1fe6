import type { DataEventSelection, ManagementEventSelection, ReadWrite } from "../aws/cloudtrail/trail-config.js";

/**
 * Table properties `tighten athena init` adds to the CloudTrail table, so that the Athena engine
 * can tell from the table alone (Athena GetTableMetadata "Parameters") which trail it reads and
 * which events that trail records.
 */
export const TRAIL_PROPERTY = "tighten.trail";
export const MANAGEMENT_EVENTS_PROPERTY = "tighten.management_events";
export const DATA_EVENTS_PROPERTY = "tighten.data_events";

/**
 * What the properties hold, JSON, with every string percent-encoded (RFC 3986) except for the
 * characters ARNs are made of. The JSON then has no quote or backslash inside its strings, so it
 * passes sqlStringLiteral whatever the trail's selectors name (an S3 key prefix may hold a quote).
 */
export function encodeDataEvents(events: readonly DataEventSelection[]): string {
  return JSON.stringify(events.map((event) => ({ resourceType: encodeText(event.resourceType), readOnly: event.readOnly, scope: encodeText(event.scope) })));
}

export function encodeManagementEvents(events: ManagementEventSelection): string {
  return JSON.stringify({ readOnly: events.readOnly, excludedSources: events.excludedSources.map(encodeText) });
}

/** The inverse of encodeDataEvents; throws a plain Error naming what is wrong (the table was edited by hand). */
export function decodeDataEvents(text: string): DataEventSelection[] {
  const value = parseJson(text, DATA_EVENTS_PROPERTY);
  if (!Array.isArray(value)) throw new Error(`${DATA_EVENTS_PROPERTY} is not a JSON array`);
  return value.map((entry: unknown, index) => {
    const item = entry as Record<string, unknown> | null;
    const resourceType = item?.["resourceType"];
    const readOnly = item?.["readOnly"];
    const scope = item?.["scope"];
    if (typeof resourceType !== "string" || typeof scope !== "string" || !isReadWrite(readOnly)) {
      throw new Error(`${DATA_EVENTS_PROPERTY}[${index}] is not {resourceType, readOnly: all|read|write, scope}`);
    }
    return { resourceType: decodeText(resourceType), readOnly, scope: decodeText(scope) };
  });
}

export function decodeManagementEvents(text: string): ManagementEventSelection {
  const value = parseJson(text, MANAGEMENT_EVENTS_PROPERTY) as Record<string, unknown> | null;
  const readOnly = value?.["readOnly"];
  const excluded = value?.["excludedSources"];
  if ((!isReadWrite(readOnly) && readOnly !== "none") || !Array.isArray(excluded) || !excluded.every((source) => typeof source === "string")) {
    throw new Error(`${MANAGEMENT_EVENTS_PROPERTY} is not {readOnly: all|read|write|none, excludedSources: [...]}`);
  }
  return { readOnly, excludedSources: (excluded as string[]).map(decodeText) };
}

// Characters left as they are: those of ARNs, resource types and selector conditions.
const KEPT = new Map([":", "/", "@", ",", "=", "+", "|", " "].map((char) => [encodeURIComponent(char), char]));

function encodeText(text: string): string {
  // encodeURIComponent leaves ' alone (RFC 3986 sub-delims); a quote must not reach the DDL.
  return encodeURIComponent(text)
    .replace(/'/g, "%27")
    .replace(/%[0-9A-F]{2}/g, (escape) => KEPT.get(escape) ?? escape);
}

function decodeText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`malformed percent-encoding in a tighten table property: ${text}`);
  }
}

function parseJson(text: string, property: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${property} is not JSON: ${(error as Error).message}`);
  }
}

function isReadWrite(value: unknown): value is ReadWrite {
  return value === "all" || value === "read" || value === "write";
}
