import type { DuckDBConnection, DuckDBType, DuckDBValue } from "@duckdb/node-api";
import type { ParameterSelection } from "../usage-row.js";

/**
 * The eventSources the events of `readers` (the usage query's SOURCES) name, read with the same
 * readers, so that a file is parsed as the scan parses it (an escaped key or value included).
 */
export async function presentSources(
  connection: DuckDBConnection,
  readers: string,
  values: Readonly<Record<string, DuckDBValue>>,
  types: Readonly<Record<string, DuckDBType>>,
): Promise<ReadonlySet<string>> {
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT e.eventSource AS source FROM (\n  ${readers}\n  ) WHERE e.eventSource IS NOT NULL`,
    { ...values },
    { ...types },
  );
  return new Set(reader.getRowObjectsJson().map((row) => String(row.source)));
}

/**
 * The selection with only the eventSources in `present`: the usage query's request-parameter
 * CASEs then hold a branch per source the logs name, not one per source tighten knows (~115), and
 * give the same values (an event of a source with no branch gets none either way).
 */
export function selectionOfSources(selection: ParameterSelection, present: ReadonlySet<string>): ParameterSelection {
  const keep = <T>(record: Readonly<Record<string, T>> | undefined) =>
    record === undefined ? undefined : Object.fromEntries(Object.entries(record).filter(([source]) => present.has(source)));
  const objectKeyResources = keep(selection.objectKeyResources);
  return {
    ...selection,
    parameters: keep(selection.parameters)!,
    objectKey: keep(selection.objectKey)!,
    ...(objectKeyResources === undefined ? {} : { objectKeyResources }),
  };
}
