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
  readonly filesRead: number;
  readonly skipped: readonly SkippedFile[];
  readonly events: number; // events in the files read, inside the window or not
  readonly elapsedMs: number;
}

export interface ScanProgress {
  readonly fraction: number; // 0..1, the engine's own estimate
  readonly filesTotal: number;
  readonly elapsedMs: number;
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
