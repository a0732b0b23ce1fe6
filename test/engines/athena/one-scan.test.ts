import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runWithEnv } from "../../support/run-cli.js";
import { mockAthenaOnDuckDB, type AthenaOnDuckDB } from "./athena-on-duckdb.js";
import { createCloudTrailTable } from "./cloudtrail-table.js";
import { ATHENA_CREDENTIALS } from "./run-on-athena.js";

/*
 * Every command that reads CloudTrail sends exactly one query over the table, whatever it asks of
 * the source (principals, usage of one role or all, the calls seen): Athena bills each scan, and
 * JSON logs have no columns to prune, so a second query would read the window again. The mocked
 * Athena runs the real query text on DuckDB over the example trail (athena-on-duckdb.ts), so each
 * command runs to its end, and must print what it prints over the same logs with the local engine.
 */

const EXAMPLES = "examples/cloudtrail";
const ATHENA = ["--engine", "athena", "--database", "tighten", "--region", "us-east-1", "--quiet"];
const LOCAL = ["--logs", EXAMPLES, "--quiet"];
const ROLE = ["--role", "payments-service-task"];
const POLICY = "examples/current/payments-service-task.json";

const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  roles: ["roles", "--format", "json", "--since", "all"],
  generate: ["generate", ...ROLE, "--since", "all"],
  "generate --all-roles": ["generate", "--all-roles", "--since", "all"],
  verify: ["verify", ...ROLE, "--policy", POLICY, "--since", "all"],
  diff: ["diff", ...ROLE, "--current", POLICY, "--format", "json", "--since", "all"],
  drift: ["drift", "--all-roles", "--baseline", "examples/current", "--since", "2026-11-03T12:00Z", "--until", "2026-11-06", "--format", "json"],
  backtest: ["backtest", "--all-roles", "--split", "70%", "--format", "json", "--since", "all"],
  explain: ["explain", ...ROLE, "--since", "all"],
};

let athena: AthenaOnDuckDB;
let instance: DuckDBInstance;
let table: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  table = await instance.connect();
  const loaded = await createCloudTrailTable(table, [EXAMPLES]);
  expect(loaded.events).toBeGreaterThan(500);
  athena = mockAthenaOnDuckDB(1000);
  athena.table = table;
});

afterAll(() => {
  athena.restore();
  table.closeSync();
  instance.closeSync();
});

beforeEach(() => {
  athena.started.splice(0);
});

// The CLI in this process (the mocked Athena lives here), with dummy credentials for the SDK.
const run = (args: readonly string[]) => runWithEnv(ATHENA_CREDENTIALS, ...args);

describe("one query over the table per command", () => {
  it.each(Object.entries(COMMANDS))("%s", async (_, command) => {
    const local = await run([...command, ...LOCAL]);
    expect(local.code, local.stderr).toBeLessThan(2);
    expect(local.stdout.length).toBeGreaterThan(100);
    expect(athena.started).toHaveLength(0);

    const onAthena = await run([...command, ...ATHENA]);
    expect(athena.started.filter((query) => query.sql.includes('FROM "tighten"."cloudtrail"'))).toHaveLength(1);
    expect(athena.started).toHaveLength(1);
    // Provenance names the engine, and only the local engine counts files; the rest is the same.
    const engine = (out: string, name: string, files: string) =>
      out.replaceAll(`"engine": "${name}"`, '"engine": ENGINE').replaceAll(/"files": (null|\d+)/g, (line, value: string) => (value === files || files === "*" ? '"files": FILES' : line));
    expect({ code: onAthena.code, stdout: engine(onAthena.stdout, "athena", "null"), stderr: onAthena.stderr }).toEqual({ code: local.code, stdout: engine(local.stdout, "local", "*"), stderr: local.stderr });
  });
});
