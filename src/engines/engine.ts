import type { ObservedCall } from "../mapping/unobservable-actions.js";
import type { TimeWindow } from "./time-window.js";
import type { ParameterSelection, UsageRow } from "./usage-row.js";

/** Every principal seen in the window, as `tighten roles` lists them. */
export interface PrincipalSummary {
  readonly principal: string;
  readonly principalType: string;
  readonly calls: number;
  readonly services: readonly string[];
  readonly errors: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

/** What a scan read, skipped and took: the summary line on stderr and the bench read it. */
export interface ScanReport {
  readonly filesFound: number;
  readonly filesPruned: number; // outside --since/--until by the date in their path
  readonly filesRead: number; // read whole or in part (partlyRead)
  readonly skipped: readonly SkippedFile[];
  readonly events: number; // events in the files read, inside the window or not, duplicates included
  readonly elapsedMs: number;
  /**
   * Files read up to a fault or around lines that are not JSON, each with what was lost ("truncated
   * gzip after 1,204 events: read the events before it"). An engine that reads no files leaves it out.
   */
  readonly partlyRead?: readonly SkippedFile[];
  /** What the records of the files read held besides countable events; left out by engines that cannot tell. */
  readonly records?: RecordReport;
}

/** Records the engine read but did not count as they came, by kind. */
export interface RecordReport {
  /** Lines of one-event-per-line files that are not JSON: lost (their files are in partlyRead). */
  readonly unreadableLines: number;
  /** Records or array items that are not JSON objects, or objects with no CloudTrail field: skipped. */
  readonly notEvents: RecordTally;
  /** Events whose eventTime does not parse: in no window and no hour, counted only when neither is asked. */
  readonly undated: RecordTally;
  /** Events in the window dated more than a day after the scan: counted, but a clock or a log is wrong. */
  readonly future: RecordTally;
  /** Copies of an event already counted (same eventID, eventTime and call), dropped: CloudTrail may deliver an event twice. */
  readonly duplicates: number;
}

export interface RecordTally {
  readonly count: number;
  readonly files: readonly string[]; // the files holding them, sorted
}

export interface ScanProgress {
  readonly fraction: number; // 0..1, the engine's own estimate
  readonly filesTotal: number;
  readonly elapsedMs: number;
  /** Bytes of log files read so far and in all, where the engine can tell (the local engine on Linux). */
  readonly bytes?: { readonly read: number; readonly total: number };
}

/**
 * How the engine reduces names (S3 object keys, log streams): "shapes" folds them by template
 * (ObjectKeys), what generation needs; "exact" keeps every distinct name apart, what a replay of
 * each call through a policy needs (verify, backtest), at the cost of one entry per name.
 */
export type NameReduction = "shapes" | "exact";

/**
 * Per mask, how many of the smallest names the engine keeps: while a mask has no more names, the
 * mapping reads each of them token by token; past it, it judges them from the mask and the extremes.
 */
export const NAME_SAMPLE = 5;
/** Per call, how many masks stay apart; past it, names fold by first path segment. */
export const TEMPLATES_PER_CALL = 64;

export interface ScanRequest {
  readonly window: TimeWindow;
  readonly selection: ParameterSelection;
  readonly names: NameReduction;
  /**
   * Also group calls by the hour they were made in: every usage row then lies within one hour, so
   * that one scan can be split at any hour afterwards (backtest). Rows of one call repeat per hour.
   */
  readonly byHour?: boolean;
  readonly onProgress?: (progress: ScanProgress) => void;
}

/** The result of one scan: principals and usage rows, queried without reading the logs again. */
export interface UsageSource {
  readonly report: ScanReport;
  principals(): Promise<readonly PrincipalSummary[]>;
  /** The principals' rows, and every principal's successful AddRoleToInstanceProfile (mapping/passed-roles.ts isInstanceProfileRow). */
  usage(principals: readonly string[]): Promise<readonly UsageRow[]>;
  /** Every (eventSource, eventName) seen from any principal: which data events the trail records. */
  observedCalls(): Promise<readonly ObservedCall[]>;
  /**
   * The data event types the trail is configured to record, when the source knows (the Athena
   * table records its trail's selectors); undefined leaves the judgement to the calls observed.
   */
  recordedDataEvents?(): Promise<ReadonlySet<string> | undefined>;
  close(): void;
}
