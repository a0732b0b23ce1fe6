// Where the local engine's time goes: in one process and one run, a single-process zcat of the
// dataset's files, DuckDB's reader alone over them, and the engine's own usage query (captured from a
// real scan, so it is the SQL the engine runs) under DuckDB's profiler. Prints wall and CPU seconds
// (this process's, zcat's for zcat) and each as a ratio to zcat, then the query's costliest operators.
//
//   npm run build && node dist/bench/profile-scan.js bench/data/1000000
//   node dist/bench/profile-scan.js bench/data/1000000 --focus payments-service-task   (a focused scan's;
//   --focus '' focuses on no principal, as `tighten roles` does; several texts separated by commas)
//   perf record -F 199 node dist/bench/profile-scan.js bench/data/1000000     (CPU by function)

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection, DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { duckdb } from "../src/engines/local/duckdb-module.js";
import { scanLocalLogs } from "../src/engines/local/local-engine.js";
import { PARAMETER_SELECTION } from "../src/mapping/request-parameters.js";
import { readQuery } from "../src/queries.js";

interface Captured {
  readonly sql: string;
  readonly values: Record<string, DuckDBValue>;
  readonly types: Record<string, DuckDBType> | undefined;
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

interface ProfileNode {
  readonly operator_name?: string;
  readonly operator_timing?: number;
  readonly operator_cardinality?: number;
  readonly children?: readonly ProfileNode[];
}

/** The usage query of a real scan of `dir`, as the engine ran it. */
async function captureUsageQuery(dir: string, focus: readonly string[] | undefined): Promise<Captured> {
  const prototype = duckdb.DuckDBConnection.prototype;
  const run = prototype.run;
  let captured: Captured | undefined;
  prototype.run = function (this: DuckDBConnection, sql: string, values?: DuckDBValue[] | Record<string, DuckDBValue>, types?: DuckDBType[] | Record<string, DuckDBType>) {
    if (captured === undefined && sql.includes("CREATE OR REPLACE TEMP TABLE usage")) {
      captured = { sql, values: { ...(values as Record<string, DuckDBValue>) }, types: types === undefined ? undefined : { ...(types as Record<string, DuckDBType>) } };
    }
    return run.call(this, sql, values, types);
  };
  try {
    const source = await scanLocalLogs({ logs: [dir], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes", ...(focus === undefined ? {} : { focus }) });
    source.close();
  } finally {
    prototype.run = run;
  }
  if (captured === undefined) throw new Error(`no usage query ran over ${dir}`);
  return captured;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

function zcat(dir: string): Timing {
  const child = spawnSync("/usr/bin/time", ["-f", "%e %U %S", "sh", "-c", 'find "$1" -name "*.json.gz" -print0 | xargs -0 zcat > /dev/null', "sh", dir], { encoding: "utf8" });
  const [wall, user, system] = (child.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  return { wall: wall ?? Number.NaN, cpu: (user ?? Number.NaN) + (system ?? Number.NaN) };
}

/** A fresh database as the engine opens one, for one pass. */
async function withDatabase<T>(scratch: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await duckdb.DuckDBInstance.create(":memory:", { memory_limit: "512MiB", temp_directory: scratch, preserve_insertion_order: "false" });
  const connection = await instance.connect();
  try {
    await connection.run(readQuery("local/setup.sql"));
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Operators by their own time (summed over threads), costliest first. */
function operators(node: ProfileNode, into: { name: string; seconds: number; rows: number }[] = []): { name: string; seconds: number; rows: number }[] {
  if (node.operator_name !== undefined) into.push({ name: node.operator_name.trim(), seconds: node.operator_timing ?? 0, rows: node.operator_cardinality ?? 0 });
  for (const child of node.children ?? []) operators(child, into);
  return into;
}

const [dir, flag, focusText, ...rest] = process.argv.slice(2);
if (dir === undefined || (flag !== undefined && (flag !== "--focus" || focusText === undefined)) || rest.length > 0) {
  throw new Error("usage: profile-scan.js DATASET_DIR [--focus TEXT,...] (e.g. bench/data/1000000)");
}
const focus = focusText === undefined ? undefined : focusText === "" ? [] : focusText.split(",");
const scratch = mkdtempSync(join(tmpdir(), "tighten-bench-"));
try {
  const query = await captureUsageQuery(dir, focus);
  const readerValues: Record<string, DuckDBValue> = {};
  for (const name of ["records_line", "max_bytes"]) if (query.values[name] !== undefined) readerValues[name] = query.values[name];
  const readerTypes: Record<string, DuckDBType> = query.types?.records_line === undefined ? {} : { records_line: query.types.records_line };
  const baseline = zcat(dir);
  const rows: [string, Timing][] = [["zcat (1 process)", baseline]];
  rows.push([
    "DuckDB reader: every trail_event column",
    await withDatabase(scratch, (c) => timed(() => c.run("SELECT count(*), count(e.requestParameters) FROM trail_records($records_line, 'newline_delimited', $max_bytes)", readerValues, readerTypes))),
  ]);
  rows.push(["the engine's usage query", await withDatabase(scratch, (c) => timed(() => c.run(query.sql, query.values, query.types)))]);
  const profile = join(scratch, "profile.json");
  rows.push([
    "the same, under DuckDB's profiler",
    await withDatabase(scratch, async (c) => {
      await c.run(`PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = '${profile}'`);
      return timed(() => c.run(query.sql, query.values, query.types));
    }),
  ]);
  rows.push(["zcat (1 process), again", zcat(dir)]);
  console.log(`${dir}: wall s, CPU s, and each as a ratio to the first zcat`);
  for (const [name, t] of rows) {
    console.log(`  ${name.padEnd(42)} ${t.wall.toFixed(2).padStart(7)} ${t.cpu.toFixed(2).padStart(7)}   ${(t.wall / baseline.wall).toFixed(2)}x ${(t.cpu / baseline.cpu).toFixed(2)}x`);
  }
  const costliest = operators(JSON.parse(readFileSync(profile, "utf8")) as ProfileNode).sort((a, b) => b.seconds - a.seconds);
  const total = costliest.reduce((sum, op) => sum + op.seconds, 0);
  console.log("usage query operators by own time (summed over threads):");
  for (const op of costliest.slice(0, 8)) console.log(`  ${op.name.padEnd(16)} ${op.seconds.toFixed(2).padStart(7)} s  ${((100 * op.seconds) / total).toFixed(0).padStart(3)}%  ${op.rows.toLocaleString("en-US")} rows`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
