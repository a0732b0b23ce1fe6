import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { compareText } from "../mapping/order.js";
import { UsageError } from "../usage-error.js";

// `drift --history-dir DIR` keeps each run's JSON report (docs/drift-json.md) in DIR, one file per
// run, so that the next report can draw each role's unused grants, new usage and denied calls over
// the last runs. The files are the reports themselves, so that a reader (or jq) needs nothing else;
// only the counts are read back.

/** Runs a trend shows, the current one included: a quarter of weekly reviews. */
export const TREND_RUNS = 12;

/** One role's findings in one run. */
export interface TrendCounts {
  readonly unused: number;
  readonly newUsage: number;
  readonly denied: number;
}

/** What the renderers draw: plain data, oldest run first. */
export interface DriftTrend {
  /** Each run's time (its last event, else when it was generated), oldest first. */
  readonly runs: readonly string[];
  /** Per role ARN of the current report, its counts in each run; null where the run did not review it. */
  readonly roles: ReadonlyMap<string, readonly (TrendCounts | null)[]>;
}

/** A run as read back from its file. */
export interface HistoryRun {
  readonly file: string; // name within DIR
  readonly time: string;
  readonly roles: ReadonlyMap<string, TrendCounts>;
}

const PREFIX = "drift-";
const SUFFIX = ".json";
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Fails, naming it, when `dir` exists and is no directory: checked before any log is read. A missing one is made on writing. */
export function checkHistoryDirectory(dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) throw new UsageError(`--history-dir ${dir}: not a directory`);
}

/**
 * The time a run is filed under: its last event, so that running the same review again over the
 * same logs names the same file; the generation time when it read no event. Both are ISO 8601 at
 * second precision as provenance writes them.
 */
export function runTime(report: { readonly provenance?: { readonly lastEvent: string | null; readonly generated: string } | undefined; readonly window: { readonly since: string; readonly until: string | null } }): string {
  return report.provenance?.lastEvent ?? report.provenance?.generated ?? report.window.until ?? report.window.since;
}

/**
 * `drift-2026-11-05T18-15-06Z.json` (no `:`, which Windows refuses), `-2`, `-3`... for another run
 * with the same time. A time that is not ISO 8601 at second precision keeps only letters, digits and `-`.
 */
export function historyFileName(time: string, ordinal = 1): string {
  const stamp = ISO_SECOND.test(time) ? time.replace(/:/g, "-") : time.replace(/[^0-9A-Za-z-]/g, "_").slice(0, 64);
  return `${PREFIX}${stamp}${ordinal === 1 ? "" : `-${ordinal}`}${SUFFIX}`;
}

/**
 * Where the run `json` (as renderDriftJson wrote it) goes in `dir`: the file of its time when that
 * is free or holds this same run (the same report but for when it was generated: `same`, nothing
 * to write), else the next free `-N`. A different run is never overwritten.
 */
export function historySlot(dir: string, time: string, json: string): { readonly file: string; readonly same: boolean; readonly ordinal: number } {
  const key = sameRunKey(json);
  for (let ordinal = 1; ; ordinal++) {
    const file = historyFileName(time, ordinal);
    const target = path.join(dir, file);
    if (!existsSync(target)) return { file, same: false, ordinal };
    // Taken: by this run, or by anything else (another run, a file it cannot read), which stays as it is.
    let existing: string | null = null;
    try {
      existing = readFileSync(target, "utf8");
    } catch {
      existing = null;
    }
    if (key !== null && existing !== null && sameRunKey(existing) === key) return { file, same: true, ordinal };
  }
}

/** The report without its generation time: two files with the same key are one run written twice. */
function sameRunKey(json: string): string | null {
  try {
    const value = JSON.parse(json) as { provenance?: { generated?: unknown } };
    if (typeof value === "object" && value !== null && typeof value.provenance === "object" && value.provenance !== null) delete value.provenance.generated;
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

/**
 * Every run in `dir`, oldest first (by time, then file name). A file that is not a drift report
 * (unreadable, not JSON, another shape) is named through `warn` and skipped: one bad file must not
 * cost the trend, nor the report. Only `drift-*.json` files are read.
 */
export function readHistory(dir: string, warn: (line: string) => void): HistoryRun[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX));
  } catch {
    return [];
  }
  const runs: HistoryRun[] = [];
  for (const name of names.sort(compareText)) {
    const file = path.join(dir, name);
    try {
      runs.push(parseHistoryRun(name, readFileSync(file, "utf8")));
    } catch (error) {
      warn(`--history-dir: ${file}: skipped, ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return runs.sort((a, b) => compareText(a.time, b.time) || compareText(a.file, b.file));
}

/** A run's counts from its JSON report; throws an Error saying what is wrong with it. */
export function parseHistoryRun(file: string, text: string): HistoryRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("not JSON");
  }
  if (!isObject(value) || !Array.isArray(value["roles"]) || !isObject(value["window"]) || typeof value["window"]["since"] !== "string") {
    throw new Error("not a drift report (docs/drift-json.md): no window or roles");
  }
  const provenance = isObject(value["provenance"]) ? value["provenance"] : undefined;
  const lastEvent = provenance?.["lastEvent"];
  const generated = provenance?.["generated"];
  const until = value["window"]["until"];
  const time = runTime({
    provenance: typeof generated === "string" ? { lastEvent: typeof lastEvent === "string" ? lastEvent : null, generated } : undefined,
    window: { since: value["window"]["since"], until: typeof until === "string" ? until : null },
  });
  const roles = new Map<string, TrendCounts>();
  for (const [index, role] of value["roles"].entries()) {
    if (!isObject(role) || typeof role["role"] !== "string") throw new Error(`roles[${index}] has no role`);
    const counts: Record<keyof TrendCounts, number> = { unused: 0, newUsage: 0, denied: 0 };
    for (const kind of ["unused", "newUsage", "denied"] as const) {
      const list = role[kind];
      if (!Array.isArray(list)) throw new Error(`roles[${index}].${kind} is not a list`);
      counts[kind] = list.length;
    }
    roles.set(role["role"], counts);
  }
  return { file, time, roles };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The last `limit` runs, per role of `roleArns` (the current report's), oldest first. */
export function driftTrend(runs: readonly HistoryRun[], roleArns: readonly string[], limit = TREND_RUNS): DriftTrend {
  const last = runs.slice(-limit);
  // A Map, not an object: a role ARN from a log is data, `__proto__` included.
  const roles = new Map(roleArns.map((arn) => [arn, last.map((run) => run.roles.get(arn) ?? null)] as const));
  return { runs: last.map((run) => run.time), roles };
}
