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
 * modification and change times (a file rewritten, renamed in or chmod-ed is a new scan). The
 * clock's minute is part of the request too, because events a day past the scan count as future.
 * What a scan returned is frozen before it is shared, so that no command can change what the next
 * one reads.
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
  principals?: readonly PrincipalSummary[];
  readonly usage: Map<string, readonly UsageRow[]>;
  observedCalls?: readonly ObservedCall[];
}

const MINUTE_MS = 60_000;
let kept: Map<string, Kept> | undefined;

/** Keeps every scan from now on in this process (see above); the CLI itself never calls it. */
export function keepScans(): void {
  kept ??= new Map();
}

/** The scan `request` asks for: one kept from before when the files are unchanged, else `scan()`. */
export async function keptScan(request: ScanRequestKey, scan: () => Promise<UsageSource>): Promise<UsageSource> {
  if (kept === undefined) return scan();
  const key = scanKey(request);
  const before = kept.get(key);
  if (before !== undefined) return new KeptSource(before, scan);
  const source = await scan();
  const entry: Kept = { report: deepFreeze(source.report), usage: new Map() };
  kept.set(key, entry);
  return new KeptSource(entry, scan, source);
}

/** The request, the minute, and what identifies every file under the --logs paths. */
function scanKey(request: ScanRequestKey): string {
  const files: string[] = [];
  for (const given of request.logs) listFiles(path.resolve(given), files);
  return JSON.stringify({
    logs: request.logs,
    since: request.since?.toISOString() ?? null,
    until: request.until?.toISOString() ?? null,
    names: request.names,
    byHour: request.byHour,
    minute: Math.floor(Date.now() / MINUTE_MS),
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
 * A kept scan's answers; what it was not asked before comes from the scan it was made from, or,
 * once that is closed, from a new scan of the same request.
 */
class KeptSource implements UsageSource {
  readonly report: ScanReport;

  constructor(
    private readonly entry: Kept,
    private readonly scan: () => Promise<UsageSource>,
    private source?: UsageSource,
  ) {
    this.report = entry.report;
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

  close(): void {
    this.source?.close();
    this.source = undefined;
  }

  private async live(): Promise<UsageSource> {
    this.source ??= await this.scan();
    return this.source;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
