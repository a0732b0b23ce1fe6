import { DuckDBInstance } from "@duckdb/node-api";
import { type InProcessResult, runWithEnv } from "../../support/run-cli.js";
import { mockAthenaOnDuckDB } from "./athena-on-duckdb.js";
import { createCloudTrailTable } from "./cloudtrail-table.js";

/** Dummy credentials: the SDK wants some before it calls the mocked Athena. */
export const ATHENA_CREDENTIALS: Readonly<Record<string, string>> = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };

/**
 * The CLI, in this process, on `--engine athena` over a table of the CloudTrail files under `logs`
 * (Athena mocked onto DuckDB), `args` after the engine flags: what it printed and how many queries
 * it started. Everything it set up is put back, pass or fail.
 */
export async function runOnAthena(logs: string, ...args: string[]): Promise<InProcessResult & { readonly queries: number }> {
  const instance = await DuckDBInstance.create(":memory:");
  const table = await instance.connect();
  const athena = mockAthenaOnDuckDB();
  try {
    await createCloudTrailTable(table, [logs]);
    athena.table = table;
    const [command = "", ...rest] = args;
    const result = await runWithEnv(ATHENA_CREDENTIALS, command, "--engine", "athena", "--database", "tighten", "--region", "us-east-1", ...rest);
    return { ...result, queries: athena.started.length };
  } finally {
    athena.restore();
    table.closeSync();
    instance.closeSync();
  }
}
