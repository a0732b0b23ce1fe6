import type { AthenaClient } from "@aws-sdk/client-athena";
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
import { bindQuery, integerLiteral, jsonValue, tableReference, type SqlFragment } from "./query-text.js";

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
  /** The client's region, for messages naming the table. */
  readonly region: string;
  /** Told about each query once it has finished: what it scanned, took and cost. */
  readonly onQuery?: (report: QueryReport) => void;
  readonly poll?: PollSchedule;
  readonly interrupts?: InterruptSource;
}

/** The queries/athena files and the columns each returns, in order. */
export const ATHENA_QUERIES = {
  "usage-rows": USAGE_ROW_COLUMNS,
  principals: ["principal", "principal_type", "calls", "services", "errors", "first_seen", "last_seen"],
  "observed-calls": ["event_source", "event_name"],
} as const satisfies Record<string, readonly string[]>;

export type AthenaQueryName = keyof typeof ATHENA_QUERIES;

/**
 * A UsageSource over the CloudTrail table in Athena: each method runs one query (the same
 * aggregation as the local engine, in Athena's SQL) the first time it is asked, and keeps the answer.
 * Throws a UsageError at once for a database or table name that cannot be an identifier.
 */
export function openAthenaUsage(options: AthenaScanOptions): UsageSource {
  return new AthenaUsageSource(options);
}

class AthenaUsageSource implements UsageSource {
  private readonly table: SqlFragment;
  private readonly target: QueryTarget;
  private readonly scope: ScanScope;
  private principalsAnswer: Promise<readonly PrincipalSummary[]> | undefined;
  private observedAnswer: Promise<readonly ObservedCall[]> | undefined;
  private readonly usageAnswers: { readonly principals: ReadonlySet<string>; readonly rows: Promise<readonly UsageRow[]> }[] = [];
  private events: number | undefined;
  private elapsedMs = 0;

  constructor(private readonly options: AthenaScanOptions) {
    this.table = tableReference(options.database, options.table);
    this.target = { database: options.database, table: options.table, workgroup: options.workgroup };
    this.scope = { window: options.window, accounts: options.accounts ?? [], regions: options.regions ?? [] };
  }

  /** Athena reads no files tighten can count: events are the calls the principals query counted. */
  get report(): ScanReport {
    return { filesFound: 0, filesPruned: 0, filesRead: 0, skipped: [], events: this.events ?? 0, elapsedMs: this.elapsedMs };
  }

  principals(): Promise<readonly PrincipalSummary[]> {
    this.principalsAnswer ??= this.run("principals", {}).then((rows) => {
      const summaries = rows.map(toPrincipalSummary);
      this.events = summaries.reduce((sum, p) => sum + p.calls, 0);
      return summaries;
    });
    return this.principalsAnswer;
  }

  /**
   * One query for all the principals asked for. A later call for some of them (diff asks for all
   * roles, then for each) is answered from the rows already read, in the same order.
   */
  async usage(principals: readonly string[]): Promise<readonly UsageRow[]> {
    if (principals.length === 0) return [];
    const wanted = new Set(principals);
    const known = this.usageAnswers.find((answer) => [...wanted].every((principal) => answer.principals.has(principal)));
    if (known !== undefined) {
      const rows = await known.rows;
      return known.principals.size === wanted.size ? rows : rows.filter((row) => wanted.has(row.principal));
    }
    const answer = { principals: wanted, rows: this.queryUsage([...wanted].sort()) };
    this.usageAnswers.push(answer);
    answer.rows.catch(() => this.usageAnswers.splice(this.usageAnswers.indexOf(answer), 1));
    return answer.rows;
  }

  observedCalls(): Promise<readonly ObservedCall[]> {
    this.observedAnswer ??= this.run("observed-calls", {}).then((rows) =>
      rows.map((row) => ({ eventSource: String(row.event_source), eventName: String(row.event_name) })),
    );
    return this.observedAnswer;
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

  private async queryUsage(principals: readonly string[]): Promise<readonly UsageRow[]> {
    const { selection, names } = this.options;
    const rows = await this.run("usage-rows", {
      SELECTION: jsonValue(selectionPaths(selection)),
      FOLDERS: jsonValue(selection.folders.map(jsonPathOf)),
      ARN_PREFIXES: jsonValue(selection.arnPrefixes.map(jsonPathOf)),
      PRINCIPALS: jsonValue(principals),
      NAME_MASK: { sql: nameMaskSql("object_key", "trino"), parameters: [] },
      FOLD_SCOPE: { sql: foldScopeSql("mask"), parameters: [] },
      NAME_SAMPLE: integerLiteral(NAME_SAMPLE),
      TEMPLATES_PER_CALL: integerLiteral(TEMPLATES_PER_CALL),
      EXACT_NAMES: { sql: names === "exact" ? "TRUE" : "FALSE", parameters: [] },
      BY_HOUR: { sql: this.options.byHour === true ? "TRUE" : "FALSE", parameters: [] },
    });
    const usage = rows.map((row) => toAthenaUsageRow(row, selection, names));
    if (this.events === undefined) this.events = usage.reduce((sum, row) => sum + row.count, 0);
    return usage;
  }

  private async run(name: AthenaQueryName, values: Readonly<Record<string, SqlFragment>>): Promise<readonly ResultRow[]> {
    const query = bindQuery(readQuery(`athena/${name}.sql`), {
      TABLE: this.table,
      SCAN_FILTER: scanFilter(this.scope),
      ...values,
    });
    const finished = await runAthenaQuery(name, query, {
      client: this.options.client,
      target: this.target,
      timeoutSeconds: this.options.timeoutSeconds,
      ...(this.options.outputLocation !== undefined ? { outputLocation: this.options.outputLocation } : {}),
      ...(this.options.poll !== undefined ? { poll: this.options.poll } : {}),
      ...(this.options.interrupts !== undefined ? { interrupts: this.options.interrupts } : {}),
    });
    this.elapsedMs += finished.report.statistics.totalExecutionMs;
    this.options.onQuery?.(finished.report);
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

function toPrincipalSummary(row: ResultRow): PrincipalSummary {
  return {
    principal: String(row.principal),
    principalType: String(row.principal_type),
    calls: Number(row.calls),
    services: (jsonList(row.services) ?? []).filter((service): service is string => typeof service === "string"),
    errors: Number(row.errors ?? 0),
    firstSeen: String(row.first_seen ?? ""),
    lastSeen: String(row.last_seen ?? ""),
  };
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
