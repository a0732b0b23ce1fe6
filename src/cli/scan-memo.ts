import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ObservedCall } from "../mapping/unobservable-actions.js";
import type { PrincipalSummary, ScanReport, UsageSource } from "../engines/engine.js";
import type { UsageRow } from "../engines/usage-row.js";

/**
 * Scans kept for the life of a process that runs many commands over the same logs: the test suite
 * runs the CLI in its own process hundreds of times, mostly over examples/, and a scan is most of
 * each run. Off unless a caller turns it on (test/support/run-cli.ts); bin/tighten.js never does,
 * since one command is one scan.
 *
 * A scan is reused only for the same request over the same files: the same --logs, window, name
 * reduction and hours, and every file under the --logs paths with the same size, inode, and
 * modification and change times (a file rewritten, renamed in or chmod-ed is a new scan). What a
 * scan returned is frozen before it is shared, so that no command can change what the next one reads.
 *
 * The clock enters a scan only through its count of future events (more than a day after the
 * scan): a scan that counted none would count none later either, and is reused at any later time;
 * one that counted some is reused within its minute only.
 *
 * Commands ask the same scan for different principals. The scans most recently used stay open to
 * answer them (LIVE_SCANS); an older one is closed once no command holds it, and a question it was
 * not asked before then scans again.
 */
export interface ScanRequestKey {
  readonly logs: readonly string[];
  readonly since: Date | null;
  readonly until: Date | null;
  readonly names: string;
  readonly byHour: boolean;
}

interface Kept {
  readonly report: ScanReport;
  /** When it was scanned (the clock's milliseconds, at its end). */
  readonly madeAt: number;
  principals?: readonly PrincipalSummary[];
  readonly usage: Map<string, readonly UsageRow[]>;
  observedCalls?: readonly ObservedCall[];
  /** The open scan, while it is among the most recently used. */
  live?: Promise<UsageSource>;
  /** The commands holding it: it is not closed under them. */
  holders: number;
  /** Replaced by a newer scan of the same request: closed once no command holds it. */
  stale?: true;
}

const MINUTE_MS = 60_000;
/** Open scans kept: each holds an in-memory DuckDB with its usage table (a few MB for the examples). */
export const LIVE_SCANS = 6;
let kept: Map<string, Kept> | undefined;
/** The entries with an open scan, least recently used first. */
const live: Kept[] = [];

/** Keeps every scan from now on in this process (see above); the CLI itself never calls it. */
export function keepScans(): void {
  kept ??= new Map();
}

let bypassed = false;

/**
 * Runs `work` with fresh scans, focused as a command's own (a kept scan is never focused: it
 * answers later commands about any principal), as when the command runs in a process of its own.
 */
export async function withFreshScans<T>(work: () => Promise<T>): Promise<T> {
  bypassed = true;
  try {
    return await work();
  } finally {
    bypassed = false;
  }
}

/**
 * The scan `request` asks for: one kept from before when the files are unchanged, else `scan`'s.
 * `scan(focused)` may narrow the scan to the principals its command asks about (the local engine's
 * focus) only when `focused`: a kept scan answers later commands about any principal.
 */
export async function keptScan(request: ScanRequestKey, scan: (focused: boolean) => Promise<UsageSource>): Promise<UsageSource> {
  if (kept === undefined || bypassed) return scan(true);
  const key = scanKey(request);
  const before = kept.get(key);
  if (before !== undefined && stillTrue(before)) return new KeptSource(before, scan);
  if (before !== undefined) forget(key, before);
  const opened = scan(false);
  const source = await opened;
  const entry: Kept = {
    report: deepFreeze(source.report),
    // Taken once the scan is done, so that no later time reads a day past it sooner than the scan did.
    madeAt: Date.now(),
    usage: new Map(),
    holders: 0,
  };
  kept.set(key, entry);
  const held = new KeptSource(entry, scan);
  entry.live = opened;
  used(entry);
  return held;
}

/** Whether a kept scan still answers as a scan now would (see above). */
function stillTrue(entry: Kept): boolean {
  const now = Date.now();
  if (now < entry.madeAt) return false;
  const counted = entry.report.records?.future.count ?? 0;
  return counted === 0 || Math.floor(now / MINUTE_MS) === Math.floor(entry.madeAt / MINUTE_MS);
}

function forget(key: string, entry: Kept): void {
  kept?.delete(key);
  entry.stale = true;
  if (entry.holders === 0) closeLive(entry);
}

/** Marks an open scan as the most recently used, and closes the oldest no command holds past LIVE_SCANS. */
function used(entry: Kept): void {
  const at = live.indexOf(entry);
  if (at >= 0) live.splice(at, 1);
  live.push(entry);
  for (let i = 0; live.length > LIVE_SCANS && i < live.length; ) {
    const oldest = live[i]!;
    if (oldest.holders > 0) i++;
    else closeLive(oldest);
  }
}

function closeLive(entry: Kept): void {
  const at = live.indexOf(entry);
  if (at >= 0) live.splice(at, 1);
  const closing = entry.live;
  entry.live = undefined;
  void closing?.then((source) => source.close(), () => undefined);
}

/** The request and what identifies every file under the --logs paths. */
function scanKey(request: ScanRequestKey): string {
  const files: string[] = [];
  for (const given of request.logs) listFiles(path.resolve(given), files);
  return JSON.stringify({
    logs: request.logs,
    since: request.since?.toISOString() ?? null,
    until: request.until?.toISOString() ?? null,
    names: request.names,
    byHour: request.byHour,
    files,
  });
}

function listFiles(at: string, into: string[]): void {
  let stat;
  try {
    stat = statSync(at, { bigint: true });
  } catch (error) {
    into.push(`${at} ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    return;
  }
  into.push(`${at} ${stat.mode} ${stat.ino} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs}`);
  if (!stat.isDirectory()) return;
  let names: string[];
  try {
    names = readdirSync(at).sort();
  } catch (error) {
    into.push(`${at}/ ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    return;
  }
  for (const name of names) listFiles(path.join(at, name), into);
}

/**
 * A kept scan's answers, held by one command until it closes it; what the scan was not asked before
 * comes from the open scan, or, once that was closed, from a new scan of the same request.
 */
class KeptSource implements UsageSource {
  readonly report: ScanReport;
  private holding = true;

  constructor(
    private readonly entry: Kept,
    private readonly scan: (focused: boolean) => Promise<UsageSource>,
  ) {
    this.report = entry.report;
    entry.holders++;
  }

  async principals(): Promise<readonly PrincipalSummary[]> {
    this.entry.principals ??= deepFreeze(await (await this.live()).principals());
    return this.entry.principals;
  }

  async usage(principals: readonly string[]): Promise<readonly UsageRow[]> {
    const key = JSON.stringify(principals);
    let rows = this.entry.usage.get(key);
    if (rows === undefined) {
      rows = deepFreeze(await (await this.live()).usage(principals));
      this.entry.usage.set(key, rows);
    }
    return rows;
  }

  async observedCalls(): Promise<readonly ObservedCall[]> {
    this.entry.observedCalls ??= deepFreeze(await (await this.live()).observedCalls());
    return this.entry.observedCalls;
  }

  /** Lets go of the scan; it stays open for the next command until newer ones push it out. */
  close(): void {
    if (!this.holding) return;
    this.holding = false;
    this.entry.holders--;
    if (this.entry.stale && this.entry.holders === 0) closeLive(this.entry);
    else if (this.entry.live !== undefined) used(this.entry);
  }

  private live(): Promise<UsageSource> {
    if (this.entry.live === undefined) {
      const opening = this.scan(false);
      // A scan that fails is not kept: the next question tries again.
      opening.catch(() => {
        if (this.entry.live === opening) closeLive(this.entry);
      });
      this.entry.live = opening;
    }
    used(this.entry);
    return this.entry.live;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
