import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  StartQueryExecutionCommand,
  type GetQueryResultsOutput,
} from "@aws-sdk/client-athena";
import type { DuckDBConnection } from "@duckdb/node-api";
import { mockClient } from "aws-sdk-client-mock";
import { pageFor, resultPages } from "./athena-wire.js";
import { tableLoads } from "./cloudtrail-table.js";
import { executeTrino, type TrinoResult } from "./trino-on-duckdb.js";

/** A StartQueryExecution as the mocked Athena received it. */
export interface StartedQuery {
  readonly sql: string;
  readonly parameters: readonly string[];
}

export interface AthenaOnDuckDB {
  /**
   * The table's connection queries run on (cloudtrail-table.ts fills it); set it before a query
   * starts. Its rows change only through createCloudTrailTable, or answers kept from before are given.
   */
  table: DuckDBConnection | undefined;
  /** Every query started, in order. */
  readonly started: StartedQuery[];
  restore(): void;
}

/**
 * What each query text with its parameters answered over a connection's table, as it last loaded
 * it: commands that ask the same scan send the same text, and running it again on DuckDB (0.3-2 s for
 * the usage query over the example trails) gives the same rows. Kept for the worker,
 * so that files sharing one (vitest.config.ts) and a connection share the answers too.
 */
const answers = new WeakMap<DuckDBConnection, { loads: number; results: Map<string, Promise<TrinoResult>> }>();

function answer(table: DuckDBConnection, sql: string, parameters: readonly string[]): Promise<TrinoResult> {
  let kept = answers.get(table);
  if (kept === undefined || kept.loads !== tableLoads(table)) {
    kept = { loads: tableLoads(table), results: new Map() };
    answers.set(table, kept);
  }
  const key = JSON.stringify([sql, parameters]);
  let result = kept.results.get(key);
  if (result === undefined) {
    result = executeTrino(table, sql, parameters);
    kept.results.set(key, result);
  }
  return result;
}

/**
 * Every AthenaClient, mocked into an Athena that runs each StartQueryExecution's text with its
 * ExecutionParameters on DuckDB (trino-on-duckdb.ts) and pages the real rows back in Athena's wire
 * format, `pageSize` rows a page (Athena sends at most 1,000, often fewer; small pages cross page
 * boundaries). A query the layer refuses or DuckDB fails ends FAILED with the reason, as Athena
 * reports a failure: in the query's state, not in the StartQueryExecution answer.
 */
export function mockAthenaOnDuckDB(pageSize = 250): AthenaOnDuckDB {
  const athena = mockClient(AthenaClient);
  const executions = new Map<string, { readonly pages: GetQueryResultsOutput[] } | { readonly error: string }>();
  const mock: AthenaOnDuckDB = { table: undefined, started: [], restore: () => athena.restore() };
  athena.on(StartQueryExecutionCommand).callsFake(async (input: { QueryString: string; ExecutionParameters?: string[] }) => {
    const id = `query-${executions.size + 1}`;
    const parameters = input.ExecutionParameters ?? [];
    mock.started.push({ sql: input.QueryString, parameters });
    try {
      if (mock.table === undefined) throw new Error("no table to run the query on");
      const result = await answer(mock.table, input.QueryString, parameters);
      executions.set(id, { pages: resultPages(result.columns, result.rows, pageSize) });
    } catch (error) {
      executions.set(id, { error: error instanceof Error ? error.message : String(error) });
    }
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => {
    const execution = executions.get(input.QueryExecutionId)!;
    const status = "error" in execution ? { State: "FAILED", StateChangeReason: execution.error } : { State: "SUCCEEDED" };
    return { QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: status, Statistics: { DataScannedInBytes: 0 } } };
  });
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string; NextToken?: string }) => {
    const execution = executions.get(input.QueryExecutionId)!;
    if ("error" in execution) throw new Error("results of a failed query");
    return pageFor(execution.pages, input.NextToken);
  });
  // A table athena init did not make: the data events recorded are judged from the calls, as locally.
  athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: {} } });
  return mock;
}
