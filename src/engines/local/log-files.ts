import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { compareText } from "../../mapping/order.js";
import { UsageError } from "../../usage-error.js";
import type { SkippedFile } from "../engine.js";
import type { TimeWindow } from "../time-window.js";

export interface LogFileList {
  readonly files: readonly string[]; // absolute, sorted, each real file once however many paths reach it
  readonly found: number;
  readonly pruned: number; // dated outside the window
  /** Directories that could not be listed and log-named entries that are not files: named, never read. */
  readonly unreadable: readonly SkippedFile[];
}

const LOG_FILE = /\.json(\.gz)?$/i;
// Digest files prove integrity and Insight files describe anomalies: neither holds API calls.
const NOT_API_CALLS = /(^|[/_])CloudTrail-(Digest|Insight)([/_]|$)/;
// S3 delivery: AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_x.json.gz
const PATH_DATE = /[/\\](\d{4})[/\\](\d{2})[/\\](\d{2})[/\\][^/\\]*$/;
const NAME_DATE = /_(\d{4})(\d{2})(\d{2})T\d{4}Z_/;
const DAY_MS = 86_400_000;
// A delivery day holds hundreds of files: a directory's entries are stat'ed this many at a time.
const STAT_CONCURRENCY = 64;
// CloudTrail delivers a file about 5 to 15 minutes after its events; a day on each side of the
// window keeps every file that can hold an event inside it. eventTime then filters exactly.
const DELIVERY_MARGIN_MS = DAY_MS;

/** A file found by a walk: the path it was reached by and what it is on disk (device and inode). */
interface FoundFile {
  readonly path: string;
  readonly identity: string;
}

/** What one `--logs` input names: its files, and what under it could not be read. */
interface InputFiles {
  readonly files: FoundFile[];
  readonly unreadable: SkippedFile[];
}

/** What a directory walk found: files, directories it could not list, and entries it cannot read as files. */
interface Tree {
  readonly files: FoundFile[];
  readonly unlisted: SkippedFile[]; // reported whatever their name: logs may be inside
  readonly notFiles: SkippedFile[]; // FIFOs, sockets, broken links: reported when named like a log
}

/**
 * Finds the log files under each `--logs` input (directory, file or glob), pruned by path date.
 * Symbolic links are followed, to files and to directories; a link back to a directory the walk is
 * already in is not entered again, and a file reached by two paths (links, hard links, overlapping
 * inputs) is read once, under the smaller of the paths the walks reached it by.
 */
export async function findLogFiles(inputs: readonly string[], window: TimeWindow): Promise<LogFileList> {
  const byIdentity = new Map<string, string>();
  const unreadable = new Map<string, SkippedFile>();
  for (const input of inputs) {
    const found = await expandInput(input);
    for (const file of found.files) {
      const seen = byIdentity.get(file.identity);
      if (seen === undefined || file.path < seen) byIdentity.set(file.identity, file.path);
    }
    for (const entry of found.unreadable) unreadable.set(entry.path, entry);
  }
  const files = [...byIdentity.values()].filter((file) => !NOT_API_CALLS.test(file)).sort();
  const kept = files.filter((file) => mayHoldWindow(file, window));
  const skipped = [...unreadable.values()].sort((a, b) => compareText(a.path, b.path));
  return { files: kept, found: files.length, pruned: files.length - kept.length, unreadable: skipped };
}

async function expandInput(input: string): Promise<InputFiles> {
  if (picomatch.scan(input).isGlob) return expandGlob(input);
  const info = await stat(input, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--logs ${input}: ${error.code === "ENOENT" ? "no such file or directory" : fileError(error)}`);
  });
  if (info.isFile()) return { files: [{ path: path.resolve(input), identity: identityOf(info) }], unreadable: [] };
  if (!info.isDirectory()) throw new UsageError(`--logs ${input}: not a regular file or directory`);
  const tree = await walkDirectory(path.resolve(input), identityOf(info));
  if (tree instanceof Error) throw new UsageError(`--logs ${input}: ${fileError(tree)}`);
  const files = tree.files.filter((file) => LOG_FILE.test(file.path));
  const unreadable = [...tree.unlisted, ...tree.notFiles.filter((entry) => LOG_FILE.test(entry.path))];
  if (files.length === 0 && unreadable.length === 0) {
    throw new UsageError(`--logs ${input}: no CloudTrail log files (*.json, *.json.gz) in this directory`);
  }
  return { files, unreadable };
}

async function expandGlob(pattern: string): Promise<InputFiles> {
  const { base } = picomatch.scan(pattern);
  const root = path.resolve(base === "" ? "." : base);
  const isMatch = picomatch(path.resolve(pattern), { dot: true });
  const info = await stat(root, { bigint: true }).catch(() => null);
  const tree = info?.isDirectory() ? await walkDirectory(root, identityOf(info)) : null;
  if (tree === null || tree instanceof Error) throw new UsageError(`--logs ${pattern}: the pattern matches no file`);
  const files = tree.files.filter((file) => isMatch(file.path));
  const unreadable = [...tree.unlisted, ...tree.notFiles.filter((entry) => isMatch(entry.path))];
  if (files.length === 0) throw new UsageError(`--logs ${pattern}: the pattern matches no file`);
  return { files, unreadable };
}

/**
 * Every file under `root`, following symbolic links. A directory is entered once per walk (by
 * device and inode), which also ends a link that points back to an ancestor. Returns the error
 * when `root` itself cannot be listed; a directory below it that cannot is reported as unlisted.
 */
async function walkDirectory(root: string, rootIdentity: string): Promise<Tree | NodeJS.ErrnoException> {
  const tree: Tree = { files: [], unlisted: [], notFiles: [] };
  const entered = new Set<string>([rootIdentity]);
  const pending = [root];
  for (let directory = pending.pop(); directory !== undefined; directory = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      if (directory === root) return error as NodeJS.ErrnoException;
      tree.unlisted.push({ path: directory, reason: `directory not readable: ${fileError(error as NodeJS.ErrnoException)}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // popped in name order
    const found = await mapLimited(entries, STAT_CONCURRENCY, async (entry) => {
      const full = path.join(directory, entry.name);
      const info = await stat(full, { bigint: true }).catch((error: NodeJS.ErrnoException) => error);
      return { full, entry, info };
    });
    for (const { full, entry, info } of found) {
      if (info instanceof Error) {
        tree.notFiles.push({ path: full, reason: entry.isSymbolicLink() ? `broken symbolic link (${fileError(info)})` : fileError(info) });
        continue;
      }
      if (info.isDirectory()) {
        const identity = identityOf(info);
        if (!entered.has(identity)) {
          entered.add(identity);
          pending.push(full);
        }
      } else if (info.isFile()) {
        tree.files.push({ path: full, identity: identityOf(info) });
      } else {
        // A FIFO, socket or device: opening a FIFO would wait for a writer forever.
        tree.notFiles.push({ path: full, reason: "not a regular file or directory" });
      }
    }
  }
  return tree;
}

function identityOf(info: { dev: bigint; ino: bigint }): string {
  return `${info.dev}:${info.ino}`;
}

/** "permission denied" rather than Node's "EACCES: permission denied, scandir '/path'". */
export function fileError(error: NodeJS.ErrnoException): string {
  const message = error.message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
  return message === "" ? String(error.code ?? error) : message;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
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
