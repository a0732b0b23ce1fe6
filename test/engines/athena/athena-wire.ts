import type { ColumnInfo, GetQueryResultsOutput, Row } from "@aws-sdk/client-athena";

/** A column as Athena describes it in ResultSetMetadata.ColumnInfo. */
export interface WireColumn {
  readonly name: string;
  readonly type: "varchar" | "bigint" | "boolean" | "double" | "integer";
}

/** One result value as it travels: text, or null for SQL NULL. */
export type WireValue = string | null;

/** ColumnInfo as Athena sends it for a SELECT (names lower-case, nullability unknown). */
export function columnInfo(columns: readonly WireColumn[]): ColumnInfo[] {
  return columns.map((column) => ({
    CatalogName: "hive",
    SchemaName: "",
    TableName: "",
    Name: column.name,
    Label: column.name,
    Type: column.type,
    Precision: column.type === "bigint" ? 19 : column.type === "varchar" ? 2147483647 : 0,
    Scale: 0,
    Nullable: "UNKNOWN",
    CaseSensitive: column.type === "varchar",
  }));
}

/** A row on the wire: every value a VarCharValue string, NULL a Datum without one. */
export function wireRow(values: readonly WireValue[]): Row {
  return { Data: values.map((value) => (value === null ? {} : { VarCharValue: value })) };
}

/**
 * The GetQueryResults pages Athena returns for a SELECT: the first page starts with the header row
 * (the column names), which counts toward its page size; later pages carry data only; every page
 * but the last has a NextToken.
 */
export function resultPages(columns: readonly WireColumn[], rows: readonly (readonly WireValue[])[], pageSize = 1000): GetQueryResultsOutput[] {
  const all = [wireRow(columns.map((column) => column.name)), ...rows.map(wireRow)];
  const pages: GetQueryResultsOutput[] = [];
  for (let start = 0; start < all.length || pages.length === 0; start += pageSize) {
    pages.push({
      ResultSet: { Rows: all.slice(start, start + pageSize), ResultSetMetadata: { ColumnInfo: columnInfo(columns) } },
      UpdateCount: 0,
    });
  }
  pages.forEach((page, index) => {
    if (index < pages.length - 1) page.NextToken = `token-${index + 1}`;
  });
  return pages;
}

/** The page GetQueryResults answers for a request's NextToken. */
export function pageFor(pages: readonly GetQueryResultsOutput[], nextToken: string | undefined): GetQueryResultsOutput {
  const index = nextToken === undefined ? 0 : Number(nextToken.replace("token-", ""));
  const page = pages[index];
  if (page === undefined) throw new Error(`no page for NextToken ${nextToken}`);
  return page;
}

/** An error as the SDK throws it for an Athena error response. */
export function awsError(name: string, message: string, attempts = 1): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400, attempts } });
}

/**
 * The result file Athena writes to S3 for the same rows: a header of the column names, then one
 * line per row, every value in double quotes with quotes doubled, NULL an empty field without
 * quotes, lines ending in LF (pyathena-dev/PyAthena#643 documents the NULL / "" difference).
 */
export function resultCsv(columns: readonly WireColumn[], rows: readonly (readonly WireValue[])[]): string {
  const line = (values: readonly WireValue[]) => values.map((value) => (value === null ? "" : `"${value.replace(/"/g, '""')}"`)).join(",");
  return [line(columns.map((column) => column.name)), ...rows.map(line)].map((text) => `${text}\n`).join("");
}
