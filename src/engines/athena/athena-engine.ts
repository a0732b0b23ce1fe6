import type { AthenaClient } from "@aws-sdk/client-athena";
import { isInstanceProfileRow } from "../../mapping/passed-roles.js";
import type { ObservedCall } from "../../mapping/unobservable-actions.js";
import { readQuery } from "../../queries.js";
import { readTableDataEvents } from "../../aws/athena/table-data-events.js";
import { NAME_SAMPLE, TEMPLATES_PER_CALL, type NameReduction, type PrincipalSummary, type ScanReport, type ScanRequest, type UsageSource } from "../engine.js";
import { foldScopeSql, nameMaskSql } from "../name-template-sql.js";
import { toUsageRow, USAGE_ROW_COLUMNS } from "../usage-row-parse.js";
import type { ParameterSelection, UsageRow } from "../usage-row.js";
import type { QueryReport } from "./athena-cost.js";
import type { QueryTarget } from "./athena-errors.js";
import { runAthenaQuery, type InterruptSource, type PollSchedule } from "./athena-query.js";
import type { ResultColumn, ResultRow, ResultValue } from "./athena-results.js";
import { scanFilter, type ScanScope } from "./partition-predicates.js";
import { bindQuery, booleanLiteral, integerLiteral, jsonLiteral, tableReference, type SqlFragment } from "./query-text.js";
import { derivedValuesSql, resourceKeySql } from "./derived-values.js";
import { observedCalls, principalSummaries } from "./usage-summaries.js";

export interface AthenaScanOptions extends ScanRequest {
  /** Closed by the source's close(). */
  readonly client: AthenaClient;
  readonly database: string;
  readonly table: string;
  readonly workgroup: string;
  /** s3://bucket/prefix/ for query results; unset: the workgroup's result location. */
  readonly outputLocation?: string;
  /** Partitions to read; empty or unset: all the table holds. */
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  readonly timeoutSeconds: number;
  /** --max-cost in US dollars: the query is stopped once its scan would cost more. */
  readonly maxCostUsd?: number;
  /** The client's region, for messages naming the table. */
  readonly region: string;
  /** Told about each query once it has ended, however it ended: what it scanned, took and cost. */
  readonly onQuery?: (report: QueryReport) => void;
  readonly poll?: PollSchedule;
  readonly interrupts?: InterruptSource;
}

/** The queries/athena files and the columns each returns, in order: one query reads the table. */
export const ATHENA_QUERIES = {
  "usage-rows": USAGE_ROW_COLUMNS,
} as const satisfies Record<string, readonly string[]>;

export type AthenaQueryName = keyof typeof ATHENA_QUERIES;

/**
 * A UsageSource over the CloudTrail table in Athena. The first question runs the one query of the
 * source (queries/athena/usage-rows.sql: the usage rows of every principal in the window, the same
 * aggregation as the local engine's); every question is answered from its rows, so that a command
 * scans the window once, and pays for it once. Throws a UsageError at once for a database or table
 * name that cannot be an identifier.
 */
export function openAthenaUsage(options: AthenaScanOptions): UsageSource {
  return new AthenaUsageSource(options);
}

interface ScanAnswer {
  readonly rows: readonly UsageRow[];
  readonly principals: readonly PrincipalSummary[];
  readonly observed: readonly ObservedCall[];
}

class AthenaUsageSource implements UsageSource {
  private readonly table: SqlFragment;
  private readonly target: QueryTarget;
  private readonly scope: ScanScope;
  private answer: Promise<ScanAnswer> | undefined;
  private events = 0;
  private elapsedMs = 0;

  constructor(private readonly options: AthenaScanOptions) {
    this.table = tableReference(options.database, options.table);
    this.target = { database: options.database, table: options.table, workgroup: options.workgroup };
    this.scope = { window: options.window, accounts: options.accounts ?? [], regions: options.regions ?? [], datedOnly: options.byHour === true };
  }

  /** Athena reads no files tighten can count: events are the calls the query counted. */
  get report(): ScanReport {
    return { filesFound: 0, filesPruned: 0, filesRead: 0, skipped: [], events: this.events, elapsedMs: this.elapsedMs };
  }

  async principals(): Promise<readonly PrincipalSummary[]> {
    return (await this.scan()).principals;
  }

  /**
   * The rows of the principals asked for, and every principal's AddRoleToInstanceProfile (as
   * queries/local/usage-rows.sql), in the query's order.
   */
  async usage(principals: readonly string[]): Promise<readonly UsageRow[]> {
    if (principals.length === 0) return [];
    const wanted = new Set(principals);
    return (await this.scan()).rows.filter((row) => wanted.has(row.principal) || isInstanceProfileRow(row));
  }

  async observedCalls(): Promise<readonly ObservedCall[]> {
    return (await this.scan()).observed;
  }

  /** What `tighten athena init` recorded of the trail's data event selectors on the table, if it did. */
  async recordedDataEvents(): Promise<ReadonlySet<string> | undefined> {
    const { client, region, database, table, workgroup } = this.options;
    const recorded = await readTableDataEvents(client, { region, database, table, workgroup });
    return recorded.dataEvents === undefined ? undefined : new Set(recorded.dataEvents.map((selection) => selection.resourceType));
  }

  close(): void {
    this.options.client.destroy();
  }

  /** The one query, run when first needed; a failed one runs again when asked again. */
  private scan(): Promise<ScanAnswer> {
    if (this.answer === undefined) {
      const answer = this.queryUsage();
      this.answer = answer;
      answer.catch(() => {
        if (this.answer === answer) this.answer = undefined;
      });
    }
    return this.answer;
  }

  private async queryUsage(): Promise<ScanAnswer> {
    const { selection, names } = this.options;
    const rows = await this.run("usage-rows", {
      SELECTION: jsonLiteral(selectionPaths(selection)),
      FOLDERS: jsonLiteral(selection.folders.map(jsonPathOf)),
      ARN_PREFIXES: jsonLiteral(selection.arnPrefixes.map(jsonPathOf)),
      DERIVED_VALUES: derivedValuesSql(selection, jsonPathOf),
      RESOURCE_KEY: resourceKeySql(selection),
      NAME_MASK: { sql: nameMaskSql("object_key", "trino"), parameters: [] },
      FOLD_SCOPE: { sql: foldScopeSql("mask"), parameters: [] },
      NAME_SAMPLE: integerLiteral(NAME_SAMPLE),
      TEMPLATES_PER_CALL: integerLiteral(TEMPLATES_PER_CALL),
      EXACT_NAMES: booleanLiteral(names === "exact"),
      BY_HOUR: booleanLiteral(this.options.byHour === true),
    });
    const usage = rows.map((row) => toAthenaUsageRow(row, selection, names));
    this.events = usage.reduce((sum, row) => sum + row.count, 0);
    return { rows: usage, principals: principalSummaries(usage), observed: observedCalls(usage) };
  }

  private async run(name: AthenaQueryName, values: Readonly<Record<string, SqlFragment>>): Promise<readonly ResultRow[]> {
    const query = bindQuery(readQuery(`athena/${name}.sql`), {
      TABLE: this.table,
      SCAN_FILTER: scanFilter(this.scope),
      ...values,
    });
    const { options } = this;
    const finished = await runAthenaQuery(name, query, {
      client: options.client,
      target: this.target,
      timeoutSeconds: options.timeoutSeconds,
      ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
      ...(options.onQuery !== undefined ? { onQuery: options.onQuery } : {}),
      ...(options.outputLocation !== undefined ? { outputLocation: options.outputLocation } : {}),
      ...(options.poll !== undefined ? { poll: options.poll } : {}),
      ...(options.interrupts !== undefined ? { interrupts: options.interrupts } : {}),
    });
    this.elapsedMs += finished.report.statistics.totalExecutionMs;
    expectColumns(name, finished.columns);
    return finished.rows;
  }
}

/** A result whose columns are not the query's is a bug in the query or the parser, not bad input. */
function expectColumns(name: AthenaQueryName, columns: readonly ResultColumn[]): void {
  const expected: readonly string[] = ATHENA_QUERIES[name];
  const actual = columns.map((column) => column.name);
  if (actual.join(",") !== expected.join(",")) {
    throw new Error(`Athena query ${name} returned columns ${actual.join(", ")}; expected ${expected.join(", ")}`);
  }
}

/** One usage-rows result row -> UsageRow, through the parser the local engine uses too. */
export function toAthenaUsageRow(row: ResultRow, selection: ParameterSelection, names: NameReduction): UsageRow {
  return toUsageRow({ ...row, parameters: jsonList(row.parameters) }, selection, names);
}

function jsonList(value: ResultValue | undefined): (string | null)[] | null {
  if (value === null || value === undefined) return null;
  const parsed: unknown = JSON.parse(String(value));
  if (!Array.isArray(parsed)) throw new Error(`Athena returned ${String(value).slice(0, 80)} where a JSON list was expected`);
  return parsed as (string | null)[];
}

/**
 * ParameterSelection as the usage-rows query reads it: per eventSource, the JSON path of its
 * object key (or null) and then the paths of its parameters, in selection order, so that the
 * values come back in the positions toUsageRow reads them from.
 */
export function selectionPaths(selection: ParameterSelection): Record<string, (string | null)[]> {
  const sources = [...new Set([...Object.keys(selection.parameters), ...Object.keys(selection.objectKey)])].sort();
  return Object.fromEntries(
    sources.map((source) => {
      const key = selection.objectKey[source];
      return [source, [key === undefined ? null : jsonPathOf(key), ...(selection.parameters[source] ?? []).map(jsonPathOf)]];
    }),
  );
}

/**
 * A selected name as a JSON path for json_extract: each member in brackets and quotes, so that names
 * like x-amz-copy-source work; "." separates nested members (`overrides.taskRoleArn`), as in the
 * local engine. Trino's path syntax escapes only `"` and `\` inside quotes.
 */
export function jsonPathOf(name: string): string {
  return `$${name
    .split(".")
    .map((part) => `["${part.replace(/["\\]/g, (char) => `\\${char}`)}"]`)
    .join("")}`;
}
