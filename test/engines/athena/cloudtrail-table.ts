import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";
import { readTemplate } from "../../../src/templates.js";

/*
 * The table `tighten athena init` creates (templates/athena/cloudtrail-table.sql), made in DuckDB
 * with the same columns, types and partition columns, and filled from CloudTrail delivery files the
 * way Athena reads them:
 *
 * - CloudTrailInputFormat hands the JSON SerDe one record of {"Records": [...]} at a time, having
 *   turned requestParameters, responseElements, additionalEventData and serviceEventDetails into
 *   their JSON text (compact, members in file order; a string keeps its quotes) and dropped them
 *   when null (Athena User Guide, "CloudTrail SerDe": these are STRING columns, read with
 *   json_extract; trinodb/trino PR 24479, CloudTrailLineReader, does the same with Jackson's
 *   toString). A file that is not such a document yields no rows.
 * - org.apache.hive.hcatalog.data.JsonSerDe matches members to columns and struct fields by
 *   lower-case name (`userIdentity.sessionContext` -> useridentity.sessioncontext, resources[].ARN
 *   -> resources[].arn); a missing member is NULL; a STRING column takes a number or boolean as its
 *   text (readOnly: true -> 'true') and any other JSON as its text; a struct or array column given
 *   something else is NULL. Map entries are stored sorted by key (trino-on-duckdb.ts keeps every
 *   MAP sorted so that CAST(map AS JSON) writes Trino's order).
 * - Partition projection fills account, region and "timestamp" (yyyy/MM/dd) from the object key,
 *   storage.location.template AWSLogs/[o-ORG/]${account}/CloudTrail/${region}/${timestamp}; objects
 *   elsewhere (CloudTrail-Digest, other prefixes) are not in the table.
 *
 * Known limit: requestparameters is written by JSON.stringify, so a JSON number with a fraction of
 * zero (1.0) loses it, where Jackson would keep it.
 */

type HiveType =
  | { readonly kind: "STRING" }
  | { readonly kind: "STRUCT"; readonly fields: readonly HiveField[] }
  | { readonly kind: "ARRAY"; readonly element: HiveType }
  | { readonly kind: "MAP"; readonly key: HiveType; readonly value: HiveType };

interface HiveField {
  readonly name: string;
  readonly type: HiveType;
}

export interface TableSchema {
  readonly columns: readonly HiveField[];
  readonly partitions: readonly HiveField[];
}

export interface LoadedTable {
  readonly files: number;
  readonly events: number;
  /** Files under the roots that the table does not hold: not in the delivery layout, or not a Records document. */
  readonly skipped: readonly string[];
}

const NESTED_AS_TEXT = ["requestParameters", "responseElements", "additionalEventData", "serviceEventDetails"];
const DELIVERY = /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.json(?:\.gz)?$/;

/** The columns and partition columns of templates/athena/cloudtrail-table.sql. */
export function cloudTrailTableSchema(): TableSchema {
  const ddl = readTemplate("athena/cloudtrail-table.sql");
  return {
    columns: parseFields(parenthesized(ddl, ddl.indexOf("CREATE EXTERNAL TABLE")), " "),
    partitions: parseFields(parenthesized(ddl, ddl.indexOf("PARTITIONED BY")), " "),
  };
}

const loads = new WeakMap<DuckDBConnection, number>();

/**
 * How many times createCloudTrailTable filled a table on this connection: what the rows of its
 * tables are, as far as a cache of answers over them needs to know (athena-on-duckdb.ts).
 */
export function tableLoads(connection: DuckDBConnection): number {
  return loads.get(connection) ?? 0;
}

/**
 * Creates "database"."table" as `tighten athena init` declares it and fills it from the delivery
 * files under `roots`.
 */
export async function createCloudTrailTable(
  connection: DuckDBConnection,
  roots: readonly string[],
  { database = "tighten", table = "cloudtrail" }: { database?: string; table?: string } = {},
): Promise<LoadedTable> {
  const schema = cloudTrailTableSchema();
  const all = [...schema.columns, ...schema.partitions];
  const name = `"${database}"."${table}"`;
  // Counted before the table changes: a half-made table must not keep the answers of the old one.
  loads.set(connection, tableLoads(connection) + 1);
  await connection.run(`CREATE SCHEMA IF NOT EXISTS "${database}"`);
  await connection.run(`CREATE OR REPLACE TABLE ${name} (${all.map((field) => `"${field.name}" ${duckType(field.type)}`).join(", ")})`);

  const rows: Record<string, unknown>[] = [];
  const skipped: string[] = [];
  let files = 0;
  for (const file of roots.flatMap(listFiles).sort()) {
    const where = DELIVERY.exec(file.split(path.sep).join("/"));
    const records = where === null ? undefined : readRecords(file);
    if (where === null || records === undefined) {
      skipped.push(file);
      continue;
    }
    files++;
    const [, account, region, year, month, day] = where;
    for (const record of records) {
      const row = hiveRow(asTrailRecord(record), schema.columns);
      rows.push({ ...row, account, region, timestamp: `${year}/${month}/${day}` });
    }
  }
  if (rows.length === 0) return { files, events: 0, skipped };
  // read_json with the columns declared is DuckDB's fast path (casting one JSON text is several times slower).
  const folder = mkdtempSync(path.join(os.tmpdir(), "tighten-athena-table-"));
  try {
    const file = path.join(folder, "rows.ndjson");
    writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n"));
    const columns = `{${all.map((field) => `${sqlString(field.name)}: ${sqlString(duckType(field.type))}`).join(", ")}}`;
    await connection.run(`INSERT INTO ${name} SELECT * FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = ${columns}, maximum_object_size = 1073741824)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { files, events: rows.length, skipped };
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

function listFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function readRecords(file: string): unknown[] | undefined {
  try {
    const raw = readFileSync(file);
    const document: unknown = JSON.parse((file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8"));
    const records = (document as { Records?: unknown } | null)?.Records;
    return Array.isArray(records) ? records : undefined;
  } catch {
    return undefined;
  }
}

/** What CloudTrailInputFormat hands the SerDe: the schemaless members as their JSON text. */
function asTrailRecord(record: unknown): unknown {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return record;
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const member of NESTED_AS_TEXT) {
    if (!(member in copy)) continue;
    if (copy[member] === null) delete copy[member];
    else copy[member] = JSON.stringify(copy[member]);
  }
  return copy;
}

/** One record as the hcatalog JsonSerDe reads it into the table's columns: every field present, NULL when absent. */
function hiveRow(record: unknown, fields: readonly HiveField[]): Record<string, unknown> {
  const members = new Map<string, unknown>();
  if (record !== null && typeof record === "object" && !Array.isArray(record)) {
    for (const [key, value] of Object.entries(record)) if (!members.has(key.toLowerCase())) members.set(key.toLowerCase(), value);
  }
  return Object.fromEntries(fields.map((field) => [field.name, hiveValue(members.get(field.name), field.type)]));
}

function hiveValue(value: unknown, type: HiveType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "STRING":
      return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    case "STRUCT":
      return typeof value === "object" && !Array.isArray(value) ? hiveRow(value, type.fields) : null;
    case "ARRAY":
      return Array.isArray(value) ? value.map((element) => hiveValue(element, type.element)) : null;
    case "MAP":
      if (typeof value !== "object" || Array.isArray(value)) return null;
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, entry]) => [key, hiveValue(entry, type.value)]),
      );
  }
}

function duckType(type: HiveType): string {
  switch (type.kind) {
    case "STRING":
      return "VARCHAR";
    case "STRUCT":
      return `STRUCT(${type.fields.map((field) => `"${field.name}" ${duckType(field.type)}`).join(", ")})`;
    case "ARRAY":
      return `${duckType(type.element)}[]`;
    case "MAP":
      return `MAP(${duckType(type.key)}, ${duckType(type.value)})`;
  }
}

/** The text inside the first balanced parentheses after `from`. */
function parenthesized(text: string, from: number): string {
  const open = text.indexOf("(", from);
  if (from < 0 || open < 0) throw new Error("templates/athena/cloudtrail-table.sql: no column list");
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error("templates/athena/cloudtrail-table.sql: unbalanced parentheses");
}

/** `name TYPE, ...` (columns, separator " ") or `name: TYPE, ...` (struct fields, separator ":"). */
function parseFields(text: string, separator: " " | ":"): HiveField[] {
  const tokens = text.match(/`[^`]+`|[A-Za-z_][A-Za-z0-9_]*|[<>,:]/g) ?? [];
  let at = 0;
  const next = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error("templates/athena/cloudtrail-table.sql: unexpected end of a type");
    return token;
  };
  const expect = (token: string): void => {
    if (next() !== token) throw new Error(`templates/athena/cloudtrail-table.sql: expected ${token} at token ${at}`);
  };
  const fieldList = (sep: " " | ":", close: string | undefined): HiveField[] => {
    const fields: HiveField[] = [];
    for (;;) {
      const name = next().replaceAll("`", "").toLowerCase();
      if (sep === ":") expect(":");
      fields.push({ name, type: type() });
      if (at >= tokens.length && close === undefined) return fields;
      const after = next();
      if (after === close) return fields;
      if (after !== ",") throw new Error(`templates/athena/cloudtrail-table.sql: unexpected ${after}`);
    }
  };
  const type = (): HiveType => {
    const name = next().toUpperCase();
    if (name === "STRING") return { kind: "STRING" };
    expect("<");
    if (name === "STRUCT") return { kind: "STRUCT", fields: fieldList(":", ">") };
    if (name === "ARRAY") {
      const element = type();
      expect(">");
      return { kind: "ARRAY", element };
    }
    if (name === "MAP") {
      const key = type();
      expect(",");
      const value = type();
      expect(">");
      return { kind: "MAP", key, value };
    }
    throw new Error(`templates/athena/cloudtrail-table.sql: the type ${name} is not known here`);
  };
  return fieldList(separator, undefined);
}
