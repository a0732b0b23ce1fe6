import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DuckDBConnection,
  DuckDBInstance,
  LIST,
  VARCHAR,
  listValue,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { readQuery } from "../../queries.js";
import type { ObservedCall } from "../../mapping/unobservable-actions.js";
import { compareText } from "../../mapping/order.js";
import { NAME_SAMPLE, TEMPLATES_PER_CALL, type PrincipalSummary, type ScanReport, type ScanRequest, type SkippedFile, type UsageSource } from "../engine.js";
import { nameMaskSql } from "../name-template-sql.js";
import type { UsageRow } from "../usage-row.js";
import { toUsageRow } from "../usage-row-parse.js";
import { explainEmptyFile } from "./empty-file.js";
import { findLogFiles } from "./log-files.js";
import { sniffLogFile, type LogLayout } from "./log-format.js";
import { parameterValuesSql } from "./parameter-columns.js";

export interface LocalScanOptions extends ScanRequest {
  readonly logs: readonly string[];
  /** DuckDB's memory limit; past it, aggregation spills to a temporary directory. */
  readonly memoryLimit?: string;
}

const READERS: Record<LogLayout, { macro: string; format: string; param: string }> = {
  "records-line": { macro: "trail_records", format: "newline_delimited", param: "records_line" },
  "records-document": { macro: "trail_records", format: "unstructured", param: "records_document" },
  "event-lines": { macro: "trail_events", format: "newline_delimited", param: "event_lines" },
  "event-array": { macro: "trail_events", format: "array", param: "event_array" },
};

const MIN_OBJECT_BYTES = 16 * 1024 * 1024;
const SNIFF_CONCURRENCY = 32;
const PROGRESS_INTERVAL_MS = 250;

/** Scans CloudTrail files on disk with DuckDB: one pass, aggregated inside the engine. */
export async function scanLocalLogs(options: LocalScanOptions): Promise<UsageSource> {
  const started = Date.now();
  const list = await findLogFiles(options.logs, options.window);
  const layouts = new Map<LogLayout, string[]>();
  const skipped: SkippedFile[] = [];
  let maxBytes = MIN_OBJECT_BYTES;
  await forEachLimited(list.files, SNIFF_CONCURRENCY, async (file) => {
    const kind = await sniffLogFile(file).catch((error: Error) => ({ layout: "skip" as const, reason: error.message }));
    if (kind.layout === "skip") {
      skipped.push({ path: file, reason: kind.reason });
      return;
    }
    maxBytes = Math.max(maxBytes, kind.bytes + 1024 * 1024);
    const group = layouts.get(kind.layout) ?? [];
    group.push(file);
    layouts.set(kind.layout, group);
  });

  const tempDir = mkdtempSync(path.join(os.tmpdir(), "tighten-duckdb-"));
  const instance = await DuckDBInstance.create(":memory:", {
    memory_limit: options.memoryLimit ?? "512MB",
    temp_directory: tempDir,
    // Order of rows inside the aggregation does not matter; results are sorted in SQL.
    preserve_insertion_order: "false",
  });
  const connection = await instance.connect();
  try {
    await connection.run(readQuery("local/setup.sql"));
    const fileEvents = await runUsageQuery(connection, layouts, skipped, maxBytes, options, list.files.length);
    const skippedNames = new Set(skipped.map((file) => file.path));
    let events = 0;
    for (const count of fileEvents.values()) events += count;
    const readable = [...layouts.values()].flat().filter((file) => !skippedNames.has(file));
    for (const file of readable) {
      if (fileEvents.has(file)) continue;
      const reason = await explainEmptyFile(file);
      if (reason !== null) skipped.push({ path: file, reason });
    }
    skipped.sort((a, b) => compareText(a.path, b.path));
    const report: ScanReport = {
      filesFound: list.found,
      filesPruned: list.pruned,
      filesRead: readable.length - skipped.filter((file) => readable.includes(file.path)).length,
      skipped,
      events,
      elapsedMs: Date.now() - started,
    };
    return new LocalUsageSource(instance, connection, report, options, tempDir);
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Runs queries/local/usage.sql over every readable file. A file DuckDB refuses outright (rather than
 * skipping it under ignore_errors) is named in the error: it is skipped and the query runs again.
 */
async function runUsageQuery(
  connection: DuckDBConnection,
  layouts: Map<LogLayout, string[]>,
  skipped: SkippedFile[],
  maxBytes: number,
  options: LocalScanOptions,
  filesTotal: number,
): Promise<Map<string, number>> {
  for (;;) {
    const groups = [...layouts.entries()].filter(([, files]) => files.length > 0);
    if (groups.length === 0) return new Map();
    const sources = groups
      .map(([layout]) => {
        const reader = READERS[layout];
        return `SELECT * FROM ${reader.macro}($${reader.param}, '${reader.format}', $max_bytes)`;
      })
      .join("\n  UNION ALL\n  ");
    const values: Record<string, DuckDBValue> = {
      since: options.window.since?.toISOString() ?? null,
      until: options.window.until?.toISOString() ?? null,
      sample: NAME_SAMPLE,
      templates: TEMPLATES_PER_CALL,
      exact_names: options.names === "exact",
      by_hour: options.byHour === true,
      max_bytes: Math.min(maxBytes, 2 ** 32 - 1),
    };
    const types: Record<string, DuckDBType> = {
      since: VARCHAR,
      until: VARCHAR,
    };
    for (const [layout, files] of groups) {
      values[READERS[layout].param] = listValue(files);
      types[READERS[layout].param] = LIST(VARCHAR);
    }
    const sql = readQuery("local/usage.sql")
      .replace("/*SOURCES*/", sources)
      .replace("/*PARAMETER_VALUES*/", parameterValuesSql(options.selection, "e"))
      .replace("/*NAME_MASK*/", nameMaskSql("object_key", "duckdb"));
    const started = Date.now();
    const timer = options.onProgress
      ? setInterval(() => {
          const { percentage } = connection.progress;
          options.onProgress?.({ fraction: Math.max(0, percentage) / 100, filesTotal, elapsedMs: Date.now() - started });
        }, PROGRESS_INTERVAL_MS)
      : undefined;
    try {
      await connection.run(sql, values, types);
    } catch (error) {
      const culprit = refusedFile(error, groups.flatMap(([, files]) => files));
      if (culprit === null) throw error;
      skipped.push({ path: culprit, reason: firstLine(error) });
      for (const files of layouts.values()) {
        const index = files.indexOf(culprit);
        if (index >= 0) files.splice(index, 1);
      }
      continue;
    } finally {
      if (timer) clearInterval(timer);
    }
    const reader = await connection.runAndReadAll(readQuery("local/file-events.sql"));
    return new Map(reader.getRowObjectsJson().map((row) => [String(row.filename), Number(row.events)]));
  }
}

function refusedFile(error: unknown, files: readonly string[]): string | null {
  const message = error instanceof Error ? error.message : String(error);
  return files.find((file) => message.includes(file)) ?? null;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(workers);
}

class LocalUsageSource implements UsageSource {
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly report: ScanReport,
    private readonly options: LocalScanOptions,
    private readonly tempDir: string,
  ) {}

  async principals(): Promise<readonly PrincipalSummary[]> {
    const reader = await this.connection.runAndReadAll(readQuery("local/principals.sql"));
    return reader.getRowObjectsJson().map((row) => ({
      principal: String(row.principal),
      principalType: String(row.principal_type),
      calls: Number(row.calls),
      services: (row.services as string[]) ?? [],
      errors: Number(row.errors ?? 0),
      firstSeen: isoSecond(row.first_seen),
      lastSeen: isoSecond(row.last_seen),
    }));
  }

  async usage(principals: readonly string[]): Promise<readonly UsageRow[]> {
    if (principals.length === 0) return [];
    const reader = await this.connection.runAndReadAll(
      readQuery("local/usage-rows.sql"),
      { principals: listValue([...principals]) },
      { principals: LIST(VARCHAR) },
    );
    return reader.getRowObjectsJson().map((row) => toUsageRow(row, this.options.selection, this.options.names));
  }

  async observedCalls(): Promise<readonly ObservedCall[]> {
    const reader = await this.connection.runAndReadAll(readQuery("local/observed-calls.sql"));
    return reader.getRowObjectsJson().map((row) => ({ eventSource: String(row.event_source), eventName: String(row.event_name) }));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}

/** DuckDB's TIMESTAMP as JSON text ("2026-11-02 10:05:00") -> "2026-11-02T10:05:00Z". */
function isoSecond(value: unknown): string {
  const text = String(value);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}Z`;
}
