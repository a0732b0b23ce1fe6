import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { UsageError } from "../../usage-error.js";
import type { TimeWindow } from "../time-window.js";

export interface LogFileList {
  readonly files: readonly string[]; // absolute, sorted
  readonly found: number;
  readonly pruned: number; // dated outside the window
}

const LOG_FILE = /\.json(\.gz)?$/i;
// Digest files prove integrity and Insight files describe anomalies: neither holds API calls.
const NOT_API_CALLS = /(^|[/_])CloudTrail-(Digest|Insight)([/_]|$)/;
// S3 delivery: AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_x.json.gz
const PATH_DATE = /[/\\](\d{4})[/\\](\d{2})[/\\](\d{2})[/\\][^/\\]*$/;
const NAME_DATE = /_(\d{4})(\d{2})(\d{2})T\d{4}Z_/;
const DAY_MS = 86_400_000;
// CloudTrail delivers a file about 5 to 15 minutes after its events; a day on each side of the
// window keeps every file that can hold an event inside it. eventTime then filters exactly.
const DELIVERY_MARGIN_MS = DAY_MS;

/** Finds the log files under each `--logs` input (directory, file or glob), pruned by path date. */
export async function findLogFiles(inputs: readonly string[], window: TimeWindow): Promise<LogFileList> {
  const found = new Set<string>();
  for (const input of inputs) {
    for (const file of await expandInput(input)) found.add(file);
  }
  const files = [...found].filter((file) => !NOT_API_CALLS.test(file)).sort();
  const kept = files.filter((file) => mayHoldWindow(file, window));
  return { files: kept, found: files.length, pruned: files.length - kept.length };
}

async function expandInput(input: string): Promise<string[]> {
  if (picomatch.scan(input).isGlob) return expandGlob(input);
  const info = await stat(input).catch(() => {
    throw new UsageError(`--logs ${input}: no such file or directory`);
  });
  if (info.isFile()) return [path.resolve(input)];
  const files = (await listFilesUnder(input)).filter((file) => LOG_FILE.test(file));
  if (files.length === 0) throw new UsageError(`--logs ${input}: no CloudTrail log files (*.json, *.json.gz) in this directory`);
  return files;
}

async function expandGlob(pattern: string): Promise<string[]> {
  const { base } = picomatch.scan(pattern);
  const root = base === "" ? "." : base;
  const isMatch = picomatch(path.resolve(pattern), { dot: true });
  const files = await listFilesUnder(root).catch(() => [] as string[]);
  const matched = files.filter((file) => isMatch(file));
  if (matched.length === 0) throw new UsageError(`--logs ${pattern}: the pattern matches no file`);
  return matched;
}

async function listFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.resolve(entry.parentPath, entry.name));
}

/** The UTC day a delivery file was written, from its directory or its name; null when neither says. */
export function deliveryDay(file: string): Date | null {
  const match = PATH_DATE.exec(file) ?? NAME_DATE.exec(path.basename(file));
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(day.getTime()) ? null : day;
}

function mayHoldWindow(file: string, window: TimeWindow): boolean {
  const day = deliveryDay(file);
  if (day === null) return true;
  const dayStart = day.getTime();
  const dayEnd = dayStart + DAY_MS;
  if (window.since && dayEnd + DELIVERY_MARGIN_MS <= window.since.getTime()) return false;
  if (window.until && dayStart - DELIVERY_MARGIN_MS >= window.until.getTime()) return false;
  return true;
}
