import { GetQueryResultsCommand, type AthenaClient, type ColumnInfo, type Datum, type ResultSet } from "@aws-sdk/client-athena";
import { callAthenaForQuery, type QueryTarget } from "./athena-errors.js";

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

const INTEGER_TYPES = new Set(["tinyint", "smallint", "integer", "int", "bigint"]);
const FRACTION_TYPES = new Set(["real", "float", "double", "decimal"]);

/** Every row of a finished query, page by page (NextToken), typed by the result's column types. */
export async function readQueryResults(client: AthenaClient, queryExecutionId: string, target: QueryTarget): Promise<QueryRows> {
  let columns: readonly ResultColumn[] | undefined;
  const rows: ResultRow[] = [];
  let nextToken: string | undefined;
  let first = true;
  do {
    const token = nextToken;
    const page = await callAthenaForQuery("GetQueryResults", target, () =>
      client.send(
        new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, MaxResults: RESULTS_PAGE_SIZE, ...(token !== undefined ? { NextToken: token } : {}) }),
      ),
    );
    const resultSet = page.ResultSet ?? {};
    columns ??= resultColumns(resultSet);
    rows.push(...parseResultPage(resultSet, columns, first));
    first = false;
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== "");
  return { columns: columns ?? [], rows };
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
