import type { Argv } from "yargs";
import type { UsageSource } from "../engines/engine.js";
import { scanLocalLogs } from "../engines/local/local-engine.js";
import { parseTimeWindow } from "../engines/time-window.js";
import { KEY_SAMPLE } from "../mapping/object-keys.js";
import { PARAMETER_SELECTION } from "../mapping/request-parameters.js";
import { UsageError } from "../usage-error.js";
import { printable } from "../emit/printable.js";
import { progressLine } from "./progress.js";

export interface ScanArgs {
  readonly logs: string[] | undefined;
  readonly since: string | undefined;
  readonly until: string | undefined;
  readonly quiet: boolean;
  readonly strict: boolean;
}

/** Most distinct S3 keys (or log streams) the engine keeps per first path segment; the mapping's number. */
export { KEY_SAMPLE } from "../mapping/object-keys.js";

/** The flags every command that reads CloudTrail shares: where the logs are, and the window. */
export function withScanOptions<T>(yargs: Argv<T>): Argv<T & ScanArgs> {
  return yargs
    .option("logs", {
      type: "string",
      array: true,
      describe: "CloudTrail logs: a directory (S3 delivery layout or any tree), a file or a glob; repeatable",
    })
    .option("since", { type: "string", describe: "start of the window: ISO date/time or a duration back from now (90d, 12h)" })
    .option("until", { type: "string", describe: "end of the window (exclusive): ISO date/time or duration" })
    .option("quiet", { type: "boolean", default: false, describe: "no progress or summary on stderr (warnings still show)" })
    .option("strict", { type: "boolean", default: false, describe: "an unreadable log file is an error, not a warning" }) as Argv<
    T & ScanArgs
  >;
}

/** Scans the logs once, reporting progress, skipped files and a summary on stderr. */
export async function openUsageSource(args: ScanArgs, stderr: NodeJS.WriteStream = process.stderr): Promise<UsageSource> {
  if (!args.logs || args.logs.length === 0) throw new UsageError("--logs is required: the CloudTrail files to read");
  const window = parseTimeWindow(args.since, args.until, new Date());
  const progress = progressLine(stderr, args.quiet);
  const source = await scanLocalLogs({
    logs: args.logs,
    window,
    selection: PARAMETER_SELECTION,
    keySample: KEY_SAMPLE,
    onProgress: progress.update,
  }).finally(() => progress.done());
  const { report } = source;
  for (const file of report.skipped) stderr.write(`${printable(`warning: skipped ${file.path}: ${file.reason}`)}\n`);
  const where = args.logs.join(", ");
  if (args.strict && report.skipped.length > 0) {
    source.close();
    const first = report.skipped[0]!;
    throw new UsageError(`--strict: ${first.path}: ${first.reason}${report.skipped.length > 1 ? ` (and ${report.skipped.length - 1} more)` : ""}`);
  }
  if (report.events === 0) {
    source.close();
    throw new UsageError(`--logs ${where}: no CloudTrail records found in ${report.filesFound} file(s)${report.filesPruned > 0 ? ` (${report.filesPruned} outside the window by their date)` : ""}`);
  }
  if (!args.quiet) {
    const skipped = report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : "";
    const pruned = report.filesPruned > 0 ? `, ${report.filesPruned} outside the window` : "";
    const seconds = report.elapsedMs / 1000;
    const rate = seconds > 0 ? `, ${Math.round(report.events / seconds).toLocaleString("en-US")} events/s` : "";
    stderr.write(`read ${report.events.toLocaleString("en-US")} events from ${report.filesRead} files${skipped}${pruned} in ${seconds.toFixed(1)} s${rate}\n`);
  }
  return source;
}
