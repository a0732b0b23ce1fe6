import { GetQueryResultsCommand, type AthenaClient, type ColumnInfo, type Datum, type QueryExecution, type ResultSet } from "@aws-sdk/client-athena";
import { s3ResultFiles, type ResultFileReader } from "../../aws/athena/athena-result-file.js";
import { callAthenaForQuery, QUERY_PREFIX, type QueryTarget } from "./athena-errors.js";
import { csvRecords } from "./result-csv.js";

export interface ResultColumn {
  readonly name: string;
  readonly type: string; // Athena's type name: varchar, bigint, boolean, double, ...
}

export type ResultValue = string | number | boolean | null;
export type ResultRow = Readonly<Record<string, ResultValue>>;

export interface QueryRows {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly ResultRow[];
}

// Athena API reference, GetQueryResults: MaxResults is 1 to 1,000.
export const RESULTS_PAGE_SIZE = 1000;

/**
 * Pages read through GetQueryResults before the rest comes from the result file in S3. Each page is
 * a round trip in sequence (1,000 rows, a few hundred milliseconds); the file is one GET that
 * streams. Small results, the usual case, stay on the Athena API alone and never load the S3 SDK.
 */
export const STREAM_AFTER_PAGES = 3;

const INTEGER_TYPES = new Set(["tinyint", "smallint", "integer", "int", "bigint"]);
const FRACTION_TYPES = new Set(["real", "float", "double", "decimal"]);

export interface ResultReading {
  /** The finished query as GetQueryExecution last described it: where its result file is. */
  readonly execution?: QueryExecution;
  readonly streamAfterPages?: number;
  /** Tests: where result files are read from; default S3 through the Athena client's credentials. */
  readonly readResultFile?: ResultFileReader;
}

/**
 * Every row of a finished query, typed by the result's column types. The first pages come from
 * GetQueryResults (NextToken); a result with more than `streamAfterPages` pages is read from its
 * CSV file in S3 instead, from the start, when Athena says where that file is.
 */
export async function readQueryResults(client: AthenaClient, queryExecutionId: string, target: QueryTarget, reading: ResultReading = {}): Promise<QueryRows> {
  const streamAfter = reading.streamAfterPages ?? STREAM_AFTER_PAGES;
  const file = resultFile(reading.execution);
  let columns: readonly ResultColumn[] | undefined;
  const rows: ResultRow[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (pages >= streamAfter && file !== undefined && columns !== undefined) {
      const reader = reading.readResultFile ?? s3ResultFiles(client, QUERY_PREFIX);
      return { columns, rows: await readResultCsv(reader(file), columns, file) };
    }
    const token = nextToken;
    const page = await callAthenaForQuery("GetQueryResults", target, () =>
      client.send(
        new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, MaxResults: RESULTS_PAGE_SIZE, ...(token !== undefined ? { NextToken: token } : {}) }),
      ),
    );
    const resultSet = page.ResultSet ?? {};
    columns ??= resultColumns(resultSet);
    rows.push(...parseResultPage(resultSet, columns, pages === 0));
    pages++;
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== "");
  return { columns: columns ?? [], rows };
}

/**
 * The s3:// location of the query's CSV result file, or undefined where tighten cannot read it as
 * one: no location (Athena managed query results keep none in the caller's bucket), or results
 * encrypted on the client side (CSE_KMS), which only Athena's own reader decrypts.
 */
function resultFile(execution: QueryExecution | undefined): string | undefined {
  const configuration = execution?.ResultConfiguration;
  const location = configuration?.OutputLocation;
  if (location === undefined || !location.startsWith("s3://") || !location.endsWith(".csv")) return undefined;
  if (configuration?.EncryptionConfiguration?.EncryptionOption === "CSE_KMS") return undefined;
  return location;
}

/**
 * The rows of a result file, typed as the paged rows are: the file's first record is the header,
 * which must name the columns GetQueryResults described; every value is text as in VarCharValue,
 * and an unquoted empty field is NULL as a Datum without a value is.
 */
export async function readResultCsv(chunks: AsyncIterable<Uint8Array | string>, columns: readonly ResultColumn[], location: string): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  let header = true;
  for await (const record of csvRecords(chunks)) {
    if (header) {
      const names = record.map((name) => name ?? "");
      if (names.join(",") !== columns.map((column) => column.name).join(",")) {
        throw new Error(`Athena's result file ${location} has the columns ${names.join(", ")}; GetQueryResults said ${columns.map((column) => column.name).join(", ")}`);
      }
      header = false;
      continue;
    }
    if (record.length !== columns.length) throw new Error(`Athena's result file ${location} has a row of ${record.length} values for ${columns.length} columns`);
    const row: Record<string, ResultValue> = {};
    columns.forEach((column, index) => {
      const value = record[index]!;
      row[column.name] = typedValue(value === null ? {} : { VarCharValue: value }, column.type);
    });
    rows.push(row);
  }
  if (header) throw new Error(`Athena's result file ${location} is empty: not even a header`);
  return rows;
}

export function resultColumns(resultSet: ResultSet): ResultColumn[] {
  return (resultSet.ResultSetMetadata?.ColumnInfo ?? []).map((column: ColumnInfo) => ({
    name: column.Name ?? column.Label ?? "",
    type: (column.Type ?? "varchar").toLowerCase(),
  }));
}

/**
 * The rows of one GetQueryResults page. A SELECT's first page starts with a header row (the column
 * names as values), later pages do not (Athena User Guide, "Working with query results").
 */
export function parseResultPage(resultSet: ResultSet, columns: readonly ResultColumn[], firstPage: boolean): ResultRow[] {
  const rows = resultSet.Rows ?? [];
  return (firstPage ? rows.slice(1) : rows).map((row) => {
    const data = row.Data ?? [];
    if (data.length !== columns.length) throw new Error(`Athena returned a row of ${data.length} values for ${columns.length} columns`);
    const record: Record<string, ResultValue> = {};
    columns.forEach((column, index) => {
      record[column.name] = typedValue(data[index]!, column.type);
    });
    return record;
  });
}

/**
 * One value from its wire form: every value travels as text in VarCharValue, NULL as a Datum
 * without one (an empty string is VarCharValue ""). Lists, maps and rows arrive as whatever text
 * the query made of them; the queries make JSON.
 */
export function typedValue(datum: Datum, type: string): ResultValue {
  const text = datum.VarCharValue;
  if (text === undefined || text === null) return null;
  const base = type.replace(/\(.*$/, "");
  if (INTEGER_TYPES.has(base) || FRACTION_TYPES.has(base)) {
    const value = Number(text);
    if (Number.isNaN(value)) throw new Error(`Athena returned '${text}' for a ${type} column`);
    return value;
  }
  if (base === "boolean") return text === "true";
  return text;
}
