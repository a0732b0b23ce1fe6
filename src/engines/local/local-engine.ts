import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DuckDBConnection, DuckDBInstance, DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { readQuery } from "../../queries.js";
import type { ObservedCall } from "../../mapping/unobservable-actions.js";
import { compareText } from "../../mapping/order.js";
import {
  NAME_SAMPLE,
  TEMPLATES_PER_CALL,
  type PrincipalSummary,
  type RecordTally,
  type ScanReport,
  type ScanRequest,
  type SkippedFile,
  type UsageSource,
} from "../engine.js";
import { foldScopeSql, nameMaskSql } from "../name-template-sql.js";
import type { UsageRow } from "../usage-row.js";
import { toUsageRow } from "../usage-row-parse.js";
import { UsageError } from "../../usage-error.js";
import { DuckdbPaths } from "./duckdb-paths.js";
import { duckdb } from "./duckdb-module.js";
import { machineShare, memorySetting, scanMemoryBytes } from "./duckdb-memory.js";
import { isSmallScan, scanThreads } from "./duckdb-threads.js";
import { explainEmptyFile } from "./empty-file.js";
import { partRead, type FileRecords } from "./file-records.js";
import { presentSources, selectionOfSources } from "./present-sources.js";
import { focusedExtractionSql, inFocus, type PrincipalFocus } from "./principal-focus.js";
import { gzipEnd } from "./gzip-end.js";
import { fileError, findLogFiles } from "./log-files.js";
import { sniffLogFile, type LogLayout } from "./log-format.js";
import { extractedValuesSql, parameterValuesSql } from "./parameter-columns.js";

export interface LocalScanOptions extends ScanRequest {
  readonly logs: readonly string[];
  /**
   * DuckDB's memory limit ("2GB"); past it, aggregation spills to a temporary directory. By default
   * 512 MB, or more when the largest files need it to be read (duckdb-memory.ts).
   */
  readonly memoryLimit?: string;
  /** The time of the scan, which events more than a day after count as future; the clock's by default. */
  readonly now?: Date;
  /** Request parameters only for these principals' events; usage() answers only for them (principal-focus.ts). */
  readonly focus?: PrincipalFocus;
}

const { LIST, VARCHAR, listValue } = duckdb;

const READERS: Record<LogLayout, { macro: string; format: string; param: string }> = {
  "records-line": { macro: "trail_records", format: "newline_delimited", param: "records_line" },
  "records-document": { macro: "trail_records", format: "unstructured", param: "records_document" },
  "event-lines": { macro: "trail_events", format: "newline_delimited", param: "event_lines" },
  "event-array": { macro: "trail_events", format: "array", param: "event_array" },
};

/** A file the scan reads: how (its layout) and how large it is uncompressed. */
interface LogFile {
  readonly path: string;
  readonly layout: LogLayout;
  readonly bytes: number;
  readonly gzip: boolean;
}

/** What the usage query left besides the usage table: per-file counts and the copies dropped. */
interface ScanCounts {
  readonly files: ReadonlyMap<string, FileRecords>;
  readonly copies: number;
}

const MIN_OBJECT_BYTES = 16 * 1024 * 1024;
const SNIFF_CONCURRENCY = 32;
// Each check decompresses a whole file in zlib's thread pool, beside DuckDB's threads.
const GZIP_CHECK_CONCURRENCY = 2;
const PROGRESS_INTERVAL_MS = 250;
const DAY_MS = 86_400_000;

/** Scans CloudTrail files on disk with DuckDB: one pass, aggregated inside the engine. */
export async function scanLocalLogs(options: LocalScanOptions): Promise<UsageSource> {
  const started = Date.now();
  const tempDir = mkdtempSync(path.join(os.tmpdir(), "tighten-duckdb-"));
  // DuckDB opens in its own threads (~33 ms on the bench machine) while the files are listed and
  // read for their layout (bench/README.md, start-up).
  const opening = openDatabase(tempDir);
  // Handled here so that a failure to open waits for the catch below instead of ending the process.
  opening.catch(() => undefined);
  let database: Database | undefined;
  try {
    const list = await findLogFiles(options.logs, options.window);
    const skipped: SkippedFile[] = [...list.unreadable];
    const files: LogFile[] = [];
    await forEachLimited(list.files, SNIFF_CONCURRENCY, async (file) => {
      const kind = await sniffLogFile(file).catch((error: NodeJS.ErrnoException) => ({ layout: "skip" as const, reason: fileError(error) }));
      if (kind.layout === "skip") skipped.push({ path: file, reason: kind.reason });
      else files.push({ path: file, layout: kind.layout, bytes: kind.bytes, gzip: kind.gzip === true });
    });
    files.sort((a, b) => compareText(a.path, b.path));

    database = await opening;
    const { instance, connection } = database;
    const paths = await DuckdbPaths.create(files, path.join(tempDir, "files"));
    const fileBytes = files.map((file) => file.bytes);
    const threads = scanThreads(fileBytes, os.availableParallelism());
    const memoryBytes = scanMemoryBytes(fileBytes, threads, os.totalmem());
    await connection.run(`SET memory_limit = ${sqlText(options.memoryLimit ?? memorySetting(memoryBytes))}`);
    await connection.run(`SET threads = ${threads}`);
    // A limit the caller chose is kept; the engine's own may grow when the aggregation outgrows it.
    const growth = options.memoryLimit === undefined ? memoryGrowth(memoryBytes, os.totalmem()) : [];
    const counts = await runUsageQuery(connection, files, skipped, paths, options, list.files.length, growth);
    const report = await scanReport(files, counts, skipped, list, started);
    return new LocalUsageSource(instance, connection, report, options, tempDir);
  } catch (error) {
    const opened = database ?? (await opening.catch(() => undefined));
    opened?.connection.closeSync();
    opened?.instance.closeSync();
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

interface Database {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

/** An in-memory DuckDB with the reader macros of queries/local/setup.sql; its memory limit is set once the files are known. */
async function openDatabase(tempDir: string): Promise<Database> {
  const instance = await duckdb.DuckDBInstance.create(":memory:", {
    temp_directory: tempDir,
    // Order of rows inside the aggregation does not matter; results are sorted in SQL.
    preserve_insertion_order: "false",
  });
  try {
    const connection = await instance.connect();
    await connection.run(readQuery("local/setup.sql"));
    return { instance, connection };
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/** A SQL string literal: DuckDB's SET takes no bound parameters. */
function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The report of a scan: files that gave no events are explained (and skipped when they are not
 * valid CloudTrail), one-event-per-line gzip files are checked to their end, and what the records
 * held besides events is tallied.
 */
async function scanReport(
  files: readonly LogFile[],
  counts: ScanCounts,
  skipped: SkippedFile[],
  list: { readonly found: number; readonly pruned: number },
  started: number,
): Promise<ScanReport> {
  const skippedNames = new Set(skipped.map((file) => file.path));
  const read = files.filter((file) => !skippedNames.has(file.path));
  const partlyRead: SkippedFile[] = [];
  const tallies = { notEvents: new Tally(), undated: new Tally(), future: new Tally() };
  let events = 0;
  let unreadableLines = 0;
  await forEachLimited(read, GZIP_CHECK_CONCURRENCY, async (file) => {
    const records = counts.files.get(file.path);
    if (records === undefined || records.events === 0) {
      const reason = await explainEmptyFile(file.path);
      if (reason !== null) skipped.push({ path: file.path, reason });
      return;
    }
    events += records.events;
    const gzip = file.layout === "event-lines" && file.gzip ? await gzipEnd(file.path) : undefined;
    const part = partRead(records, gzip);
    if (part !== null) {
      partlyRead.push({ path: file.path, reason: part.reason });
      unreadableLines += part.unreadableLines;
    }
    tallies.notEvents.add(file.path, records.notEvents);
    tallies.undated.add(file.path, records.undated);
    tallies.future.add(file.path, records.future);
  });
  skipped.sort((a, b) => compareText(a.path, b.path));
  partlyRead.sort((a, b) => compareText(a.path, b.path));
  const skippedNow = new Set(skipped.map((file) => file.path));
  return {
    filesFound: list.found,
    filesPruned: list.pruned,
    filesRead: read.filter((file) => !skippedNow.has(file.path)).length,
    skipped,
    events,
    elapsedMs: Date.now() - started,
    partlyRead,
    records: {
      unreadableLines,
      notEvents: tallies.notEvents.result(),
      undated: tallies.undated.result(),
      future: tallies.future.result(),
      duplicates: counts.copies,
    },
  };
}

/** Records of one kind over the files that hold them. */
class Tally {
  private count = 0;
  private readonly files: string[] = [];

  add(file: string, count: number): void {
    if (count === 0) return;
    this.count += count;
    this.files.push(file);
  }

  result(): RecordTally {
    return { count: this.count, files: [...this.files].sort(compareText) };
  }
}

/**
 * Runs queries/local/usage.sql over every readable file. A file DuckDB refuses (rather than
 * skipping its bad lines under ignore_errors) is skipped and the query runs again: the file its
 * error names, or else the first file DuckDB cannot read alone, largest first (out of memory
 * names no file).
 */
async function runUsageQuery(
  connection: DuckDBConnection,
  files: LogFile[],
  skipped: SkippedFile[],
  paths: DuckdbPaths,
  options: LocalScanOptions,
  filesTotal: number,
  growth: readonly number[],
): Promise<ScanCounts> {
  const now = options.now ?? new Date();
  const larger = [...growth];
  for (;;) {
    if (files.length === 0) return { files: new Map(), copies: 0 };
    try {
      await runScan(connection, files, paths, options, filesTotal, now);
    } catch (error) {
      if (!aboutInput(error)) throw error;
      const named = refusedFile(error, files, paths);
      const memory = outOfMemory(error);
      if (named === null && memory && larger.length > 0) {
        // What DuckDB does not spill (a value nested deep, lists and long texts in many groups) can
        // outgrow the engine's default; more memory, rather than a search for a file at fault.
        await connection.run(`SET memory_limit = ${sqlText(memorySetting(larger.shift() as number))}`);
        continue;
      }
      const refused = named ?? (await fileFailingAlone(connection, files, paths, options, now, memory ? OOM_SUSPECTS : files.length));
      if (refused === null) throw memory ? new ScanMemoryError(firstLine(error)) : error;
      skipped.push(refused);
      files.splice(files.findIndex((file) => file.path === refused.path), 1);
      continue;
    }
    const perFile = await connection.runAndReadAll(readQuery("local/file-events.sql"));
    const counts = new Map<string, FileRecords>();
    for (const row of perFile.getRowObjectsJson()) {
      counts.set(paths.original(String(row.filename)), {
        events: Number(row.events),
        unreadable: Number(row.unreadable),
        notEvents: Number(row.not_events),
        undated: Number(row.undated),
        future: Number(row.future),
      });
    }
    const copies = await connection.runAndReadAll(readQuery("local/event-copies.sql"));
    return { files: counts, copies: Number(copies.getRowObjectsJson()[0]?.copies ?? 0) };
  }
}

async function runScan(
  connection: DuckDBConnection,
  files: readonly LogFile[],
  paths: DuckdbPaths,
  options: LocalScanOptions,
  filesTotal: number,
  now: Date,
): Promise<void> {
  const { sql: readers, values, types } = sourcesSql(files, paths);
  // A small scan is mostly fixed cost, half of it the request-parameter CASEs of every source
  // tighten knows: reading which sources the logs name first costs less than it saves (bench/README.md,
  // "Small scans"). A large scan reads its files once.
  const small = isSmallScan(files.map((file) => file.bytes));
  const selection = small ? selectionOfSources(options.selection, await presentSources(connection, readers, values, types)) : options.selection;
  Object.assign(values, {
    since: options.window.since?.toISOString() ?? null,
    until: options.window.until?.toISOString() ?? null,
    future: new Date(now.getTime() + DAY_MS).toISOString(),
    sample: NAME_SAMPLE,
    templates: TEMPLATES_PER_CALL,
    exact_names: options.names === "exact",
    by_hour: options.byHour === true,
  });
  Object.assign(types, { since: VARCHAR, until: VARCHAR, future: VARCHAR });
  const extracted = focusedExtractionSql(options.focus, extractedValuesSql(selection, "e"), "principal", "e");
  Object.assign(values, extracted.values);
  Object.assign(types, extracted.types);
  const sql = fillMarkers(readQuery("local/usage.sql"), {
    SOURCES: readers,
    // The request parameters are extracted in one projection and reduced in the next, so that each
    // reduction reads the extracted list as a column (parameter-columns.ts).
    EXTRACTED_VALUES: extracted.sql,
    PARAMETER_VALUES: parameterValuesSql(selection, "e", "extracted_values"),
    NAME_MASK: nameMaskSql("object_key", "duckdb"),
    FOLD_SCOPE: foldScopeSql("mask"),
  });
  const started = Date.now();
  // On disk, as read(2) counts them: compressed for .gz files.
  const bytesTotal = files.reduce((sum, file) => sum + (statSync(file.path, { throwIfNoEntry: false })?.size ?? 0), 0);
  const readAtStart = bytesReadByProcess();
  const timer = options.onProgress
    ? setInterval(() => {
        // DuckDB's own percentage stays at 0 for this query until its end; the bytes the process
        // has read of the log files are a real measure, where the system tells them.
        const now = bytesReadByProcess();
        const bytes = readAtStart === null || now === null ? undefined : { read: Math.min(bytesTotal, now - readAtStart), total: bytesTotal };
        const fraction = bytes !== undefined && bytesTotal > 0 ? bytes.read / bytesTotal : Math.max(0, connection.progress.percentage) / 100;
        options.onProgress?.({ fraction, filesTotal, elapsedMs: Date.now() - started, ...(bytes !== undefined ? { bytes } : {}) });
      }, PROGRESS_INTERVAL_MS)
    : undefined;
  try {
    await connection.run(sql, values, types);
  } finally {
    if (timer) clearInterval(timer);
  }
}

/**
 * Bytes this process has read through read(2) so far (Linux's /proc/self/io "rchar"), or null
 * where there is no such file. The scan reads each log file once, so the growth during a scan is
 * about the log bytes read; a few reads of other files make it a slight overestimate, capped.
 */
function bytesReadByProcess(): number | null {
  try {
    const match = /^rchar: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/** The UNION ALL of reader macros over `files`, one per layout, with the file lists bound. */
function sourcesSql(files: readonly LogFile[], paths: DuckdbPaths): { sql: string; values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const byLayout = new Map<LogLayout, string[]>();
  for (const file of files) {
    const names = byLayout.get(file.layout) ?? [];
    names.push(paths.forDuckdb(file.path));
    byLayout.set(file.layout, names);
  }
  const maxBytes = files.reduce((most, file) => Math.max(most, file.bytes + 1024 * 1024), MIN_OBJECT_BYTES);
  const values: Record<string, DuckDBValue> = { max_bytes: Math.min(maxBytes, 2 ** 32 - 1) };
  const types: Record<string, DuckDBType> = {};
  const parts: string[] = [];
  for (const [layout, names] of byLayout) {
    const reader = READERS[layout];
    parts.push(`SELECT * FROM ${reader.macro}($${reader.param}, '${reader.format}', $max_bytes)`);
    values[reader.param] = listValue(names);
    types[reader.param] = LIST(VARCHAR);
  }
  return { sql: parts.join("\n  UNION ALL\n  "), values, types };
}

/** The file a DuckDB error names, by the longest path it contains (`a.json` is in `a.json.gz`). */
function refusedFile(error: unknown, files: readonly LogFile[], paths: DuckdbPaths): SkippedFile | null {
  const message = error instanceof Error ? error.message : String(error);
  const named = files
    .filter((file) => message.includes(paths.forDuckdb(file.path)))
    .sort((a, b) => paths.forDuckdb(b.path).length - paths.forDuckdb(a.path).length)[0];
  return named === undefined ? null : { path: named.path, reason: paths.explain(firstLine(error)) };
}

/**
 * The first file, largest first, on which the usage query fails by itself: what a failure that
 * names no file (out of memory reading a Records list or parsing deep requestParameters) was about.
 */
async function fileFailingAlone(
  connection: DuckDBConnection,
  files: readonly LogFile[],
  paths: DuckdbPaths,
  options: LocalScanOptions,
  now: Date,
  tries: number,
): Promise<SkippedFile | null> {
  const largestFirst = [...files].sort((a, b) => b.bytes - a.bytes || compareText(a.path, b.path)).slice(0, tries);
  for (const file of largestFirst) {
    try {
      await runScan(connection, [file], paths, { ...options, onProgress: undefined }, 1, now);
    } catch (error) {
      return { path: file.path, reason: paths.explain(firstLine(error)) };
    }
  }
  return null;
}

/**
 * How many of the largest files are tried alone after running out of memory: a file that cannot be
 * read alone is among the largest (or holds a value nested deep enough to be one), and trying each
 * of 4,000 files alone took 20 minutes before the error (10M bench events) where it named no file.
 */
const OOM_SUSPECTS = 8;
// The engine's own limit may double twice (512 MB -> 2 GB), within the share of the machine.
const MEMORY_DOUBLINGS = 2;

/** The larger limits a scan may retry with after running out of memory: each double the last, capped by the machine. */
export function memoryGrowth(bytes: number, machineBytes: number): number[] {
  const cap = machineShare(machineBytes);
  const steps: number[] = [];
  for (let limit = bytes * 2; steps.length < MEMORY_DOUBLINGS && limit <= cap; limit *= 2) steps.push(limit);
  return steps;
}

function outOfMemory(error: unknown): boolean {
  return firstLine(error).startsWith("Out of Memory Error");
}

/** The scan needs more memory than it may take: input too large for this machine, not a bug in tighten. */
export class ScanMemoryError extends UsageError {
  constructor(reason: string) {
    super(`the scan ran out of memory (${reason.replace(/^Out of Memory Error: /, "")}): read fewer logs at once, with --since/--until or fewer --logs folders`);
  }
}

/**
 * Whether a failure of the usage query may be about what a file holds, rather than a fault in
 * tighten's own SQL or code: errors the query text itself causes (DuckDB's parser, binder and
 * catalog errors, DuckDB's internal errors) and errors thrown outside DuckDB fail for every file
 * alike, and skipping files for them would hide a bug behind warnings.
 */
function aboutInput(error: unknown): boolean {
  const kind = /^([A-Z][A-Za-z ]*) Error: /.exec(firstLine(error))?.[1];
  return kind !== undefined && !["Parser", "Binder", "Catalog", "Not implemented", "INTERNAL", "Internal"].includes(kind);
}

/**
 * `sql` with each /*NAME*\/ marker replaced by its text, taken literally: String.replace with a
 * string would read `$'` in a regular expression's text (`'[.][a-z]{1,5}$'`) as "the rest".
 */
function fillMarkers(sql: string, texts: Readonly<Record<string, string>>): string {
  let filled = sql;
  for (const [name, text] of Object.entries(texts)) filled = filled.replace(`/*${name}*/`, () => text);
  return filled;
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
  private closed = false;

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
    const { focus } = this.options;
    const outside = focus === undefined ? undefined : principals.find((principal) => !inFocus(focus, principal));
    // Its rows lack request parameters and object keys: answering would narrow its policy silently.
    if (outside !== undefined) throw new Error(`usage of ${outside} asked of a scan focused on ${focus?.join(", ")}`);
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
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}

/**
 * DuckDB's TIMESTAMP as JSON text ("2026-11-02 10:05:00") -> "2026-11-02T10:05:00Z"; "" when
 * the principal's only calls carry no parseable eventTime (read when no window is asked).
 */
function isoSecond(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}Z`;
}
