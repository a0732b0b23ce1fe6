import type { Argv } from "yargs";
import { accountId, regionName } from "../athena/ddl-values.js";
import { athenaOutputLocation } from "../athena/output-location.js";
import { configuredRegion } from "../aws/sdk-environment.js";
import { CostTally } from "../engines/athena/athena-cost.js";
import type { NameReduction, RecordTally, ScanReport, UsageSource } from "../engines/engine.js";
import { athenaTimeWindow, ATHENA_DEFAULT_DAYS, parseTimeWindow, SINCE_ALL } from "../engines/time-window.js";
import type { PrincipalFocus } from "../engines/local/principal-focus.js";
import { PARAMETER_SELECTION } from "../mapping/request-parameters.js";
import { UsageError } from "../usage-error.js";
import { printable } from "../emit/shared/printable.js";
import { progressLine } from "./progress.js";
import { keptScan } from "./scan-memo.js";
import { paintLead, useColor, withColorOption, type ColorArgs } from "./color-option.js";
import { fileWarningLines } from "./warnings.js";

export interface ScanArgs extends ColorArgs {
  readonly logs: string[] | undefined;
  readonly since: string | undefined;
  readonly until: string | undefined;
  readonly quiet: boolean;
  /** Every warning on its own line (warnings.ts); optional so that callers building args need not say it. */
  readonly verbose?: boolean;
  readonly strict: boolean;
  // Where the logs are read: files on disk (local, the default) or the CloudTrail table in Athena.
  readonly engine?: "local" | "athena";
  readonly database?: string | undefined;
  readonly table?: string;
  readonly workgroup?: string;
  readonly output?: string | undefined;
  readonly accounts?: string[] | undefined;
  readonly regions?: string[] | undefined;
  readonly timeout?: number;
  readonly "max-cost"?: string | undefined;
}

/**
 * --profile and --region, which --engine athena shares with --from-iam: declared by whichever of
 * withScanOptions and withCurrentPolicyOptions a command uses, so not part of ScanArgs.
 */
export interface AwsArgs {
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
}

const ATHENA_DEFAULTS = { table: "cloudtrail", workgroup: "primary", timeout: 600 } as const;
// Flags that only the Athena engine reads (--table, --workgroup and --timeout have defaults, so
// only these can be told apart from not given).
const ATHENA_ONLY = ["database", "output", "accounts", "regions", "max-cost"] as const;

/** The flags every command that reads CloudTrail shares: where the logs are, and the window. */
export function withScanOptions<T>(yargs: Argv<T>): Argv<T & ScanArgs> {
  return withColorOption(yargs)
    // yargs lists groups in the order they are named: the command's own flags ("Options:") first.
    .group([], "Options:")
    .option("logs", {
      type: "string",
      array: true,
      describe: "CloudTrail logs: a directory (S3 delivery layout or any tree), a file or a glob; repeatable",
    })
    .option("since", {
      type: "string",
      describe: `start of the window: ISO date/time, a duration back from now (90d, 12h), or ${SINCE_ALL} (--engine athena: default ${ATHENA_DEFAULT_DAYS}d)`,
    })
    .option("until", { type: "string", describe: "end of the window (exclusive): ISO date/time or duration" })
    .option("quiet", { type: "boolean", default: false, describe: "no progress or summary on stderr (warnings still show)" })
    .option("verbose", { type: "boolean", default: false, describe: "print every warning on its own line (default: one line per role and kind, with totals)" })
    .option("strict", { type: "boolean", default: false, describe: "an unreadable log file is an error, not a warning" })
    .option("engine", { choices: ["local", "athena"] as const, default: "local" as const, describe: "read --logs on disk (local), or the CloudTrail table in Athena" })
    .option("database", { type: "string", describe: "--engine athena: the Athena database of the CloudTrail table (see tighten athena init)" })
    .option("table", { type: "string", default: ATHENA_DEFAULTS.table, describe: "--engine athena: the CloudTrail table" })
    .option("workgroup", { type: "string", default: ATHENA_DEFAULTS.workgroup, describe: "--engine athena: the workgroup to run queries in" })
    .option("output", { type: "string", describe: "--engine athena: s3:// location for query results (default: the workgroup's)" })
    .option("accounts", { type: "string", array: true, describe: "--engine athena: only these accounts' logs (partition pruning); repeatable" })
    .option("regions", { type: "string", array: true, describe: "--engine athena: only these regions' logs (partition pruning); repeatable" })
    .option("timeout", { type: "number", default: ATHENA_DEFAULTS.timeout, describe: "--engine athena: seconds a query may run before it is stopped" })
    .option("max-cost", { type: "string", describe: "--engine athena: US dollars a query may scan ($5/TB) before it is stopped (exit 2)" })
    .option("profile", { type: "string", describe: "AWS profile (default: the SDK's credential chain)" })
    .option("region", { type: "string", describe: "AWS region of the Athena database (default: the profile's)" })
    // Below the command's own flags in --help: they are the same for every command that reads logs.
    .group(["logs", "since", "until", "quiet", "verbose", "strict"], "Logs and window:")
    .group(["engine", "database", "table", "workgroup", "output", "accounts", "regions", "timeout", "max-cost", "profile", "region"], "Engine (Athena) and AWS:") as Argv<
    T & ScanArgs
  >;
}

/**
 * How a command needs the scan: `names`, how the engine reduces S3 keys and log streams (by shape
 * for generation, every one apart for a replay); `byHour`, calls also grouped by hour (backtest).
 */
export interface ScanShape {
  readonly names?: NameReduction;
  readonly byHour?: boolean;
  /** The local engine reads request parameters only for principals holding one of these (principal-focus.ts). */
  readonly focus?: PrincipalFocus | undefined;
}

/** Scans the logs once, reporting progress, skipped files and a summary on stderr. */
export async function openUsageSource(
  args: ScanArgs & AwsArgs,
  stderr: NodeJS.WriteStream = process.stderr,
  shape: ScanShape = {},
): Promise<UsageSource> {
  const names = shape.names ?? "shapes";
  const byHour = shape.byHour === true;
  if (args.engine === "athena") return openAthenaSource(args, stderr, names, byHour);
  const athenaFlag = ATHENA_ONLY.find((flag) => args[flag] !== undefined);
  if (athenaFlag !== undefined) throw new UsageError(`--${athenaFlag} is for --engine athena; add --engine athena, or drop --${athenaFlag} to read --logs`);
  if (!args.logs || args.logs.length === 0) throw new UsageError("--logs is required: the CloudTrail files to read");
  const window = parseTimeWindow(args.since, args.until, new Date());
  const progress = progressLine(stderr, args.quiet);
  // Loaded here, not at start-up: `--help` and Athena runs need no DuckDB.
  const { scanLocalLogs } = await import("../engines/local/local-engine.js");
  const logs = args.logs;
  const { focus } = shape;
  const source = await keptScan({ logs, ...window, names, byHour }, (focused) =>
    scanLocalLogs({ logs, window, selection: PARAMETER_SELECTION, names, byHour, onProgress: progress.update, ...(focused && focus !== undefined ? { focus } : {}) }),
  ).finally(() => progress.done());
  const { report } = source;
  // Events without a time lie in no window and in no hour (backtest): then they are left out.
  const undatedLeftOut = window.since !== null || window.until !== null ? "the --since/--until window" : byHour ? "an hour, by which backtest splits them" : null;
  for (const line of scanWarnings(report, undatedLeftOut, args.verbose === true)) stderr.write(`${paintLead(printable(line), useColor(args.color, stderr))}\n`);
  const where = args.logs.join(", ");
  const lost = lostData(report, undatedLeftOut);
  if (args.strict && lost.length > 0) {
    source.close();
    throw new UsageError(`--strict: ${lost[0]}${lost.length > 1 ? ` (and ${lost.length - 1} more)` : ""}`);
  }
  if (report.events === 0) {
    source.close();
    throw new UsageError(`--logs ${where}: no CloudTrail records found in ${report.filesFound} file(s)${report.filesPruned > 0 ? ` (${report.filesPruned} outside the window by their date)` : ""}`);
  }
  if (!args.quiet) {
    const duplicates = report.records?.duplicates ?? 0;
    const dropped = duplicates > 0 ? ` (${counted(duplicates, "duplicate")} dropped)` : "";
    const partly = (report.partlyRead?.length ?? 0) > 0 ? `, ${report.partlyRead?.length} read in part` : "";
    const skipped = report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : "";
    const pruned = report.filesPruned > 0 ? `, ${report.filesPruned} outside the window` : "";
    const seconds = report.elapsedMs / 1000;
    const rate = seconds > 0 ? `, ${Math.round(report.events / seconds).toLocaleString("en-US")} events/s` : "";
    stderr.write(`read ${count(report.events)} events${dropped} from ${report.filesRead} files${partly}${skipped}${pruned} in ${seconds.toFixed(1)} s${rate}\n`);
  }
  return source;
}

/**
 * Warning lines for skipped files and files read in part (one per file, or per reason past a few
 * files: warnings.ts), and one per kind of record that was not counted as it came (never one per record). `undatedLeftOut`: where events without a time could
 * not be placed (a window, hours), so that they were left out; null when they were counted.
 */
function scanWarnings(report: ScanReport, undatedLeftOut: string | null, verbose: boolean): string[] {
  // Files that share a reason share a line past a few of them (warnings.ts); --verbose names each.
  const lines = [...fileWarningLines("skipped", report.skipped, verbose), ...fileWarningLines("read in part", report.partlyRead ?? [], verbose)];
  const records = report.records;
  if (records === undefined) return lines;
  if (records.notEvents.count > 0) {
    lines.push(`warning: skipped ${notEvents(records.notEvents)}`);
  }
  if (records.undated.count > 0) {
    const fate = undatedLeftOut !== null ? `left out: without a time they cannot be placed in ${undatedLeftOut}` : "counted, with no first or last seen";
    lines.push(`warning: ${counted(records.undated.count, "event")} without a parseable eventTime (${inFiles(records.undated)}): ${fate}`);
  }
  if (records.future.count > 0) {
    lines.push(`warning: ${counted(records.future.count, "event")} dated more than a day in the future (${inFiles(records.future)}): counted; check the clock of what wrote them`);
  }
  return lines;
}

/** What --strict refuses: data the scan could not read or could not place, first what is named first. */
function lostData(report: ScanReport, undatedLeftOut: string | null): string[] {
  const lost = [...report.skipped, ...(report.partlyRead ?? [])].map((file) => `${file.path}: ${file.reason}`);
  const records = report.records;
  if (records !== undefined && records.notEvents.count > 0) {
    lost.push(notEvents(records.notEvents));
  }
  if (records !== undefined && undatedLeftOut !== null && records.undated.count > 0) {
    lost.push(`${counted(records.undated.count, "event")} without a parseable eventTime left out (${inFiles(records.undated)})`);
  }
  return lost;
}

/** "3 records that are not JSON objects or hold no CloudTrail field (in a.json)". */
function notEvents(tally: RecordTally): string {
  const what = tally.count === 1 ? "record that is not a JSON object or holds" : "records that are not JSON objects or hold";
  return `${count(tally.count)} ${what} no CloudTrail field (${inFiles(tally)})`;
}

/** "in a.json" or "in a.json and 3 more files". */
function inFiles(tally: RecordTally): string {
  const [first] = tally.files;
  const more = tally.files.length - 1;
  return `in ${first ?? "?"}${more > 0 ? ` and ${more} more file${more === 1 ? "" : "s"}` : ""}`;
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** "1 event", "1,204 events". */
function counted(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? "" : "s"}`;
}

/**
 * The CloudTrail table in Athena as a UsageSource. The principals query runs here, as the local
 * engine's scan does, so that an empty window is reported before any command works on it; each
 * query's scanned bytes, time and cost go to stderr.
 */
async function openAthenaSource(args: ScanArgs & AwsArgs, stderr: NodeJS.WriteStream, names: NameReduction, byHour: boolean): Promise<UsageSource> {
  if (args.logs !== undefined && args.logs.length > 0) {
    throw new UsageError("--logs is for the local engine; --engine athena reads the table --database/--table names: drop one of them");
  }
  if (args.database === undefined || args.database === "") {
    throw new UsageError("--engine athena needs --database: the Athena database of the CloudTrail table (tighten athena init creates one)");
  }
  const timeout = args.timeout ?? ATHENA_DEFAULTS.timeout;
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout ${args.timeout}: give the seconds a query may run, more than 0`);
  const maxCostUsd = args["max-cost"] === undefined ? undefined : dollars(args["max-cost"], "--max-cost");
  const accounts = (args.accounts ?? []).map((account) => accountId(account, "--accounts"));
  const regions = (args.regions ?? []).map((region) => regionName(region, "--regions"));
  const output = args.output === undefined ? undefined : athenaOutputLocation(args.output);
  // Athena bills what it scans: a window left unsaid is bounded, and the one line says which.
  const { window, note } = athenaTimeWindow(args.since, args.until, new Date());
  const profile = args.profile !== undefined ? { profile: args.profile } : {};
  // The AWS SDK is loaded by the runs that call AWS only: it is most of a local run's start-up.
  const [{ AthenaClient }, { createAthenaClient }, { openAthenaUsage }] = await Promise.all([
    import("@aws-sdk/client-athena"),
    import("../aws/athena/athena-client.js"),
    import("../engines/athena/athena-engine.js"),
  ]);
  const region = args.region ?? (await configuredRegion(() => new AthenaClient(profile)));
  if (region === undefined) throw new UsageError("--engine athena: no AWS region configured: pass --region, or set AWS_REGION or the profile's region");
  if (note !== null && !args.quiet) stderr.write(`${note}\n`);

  const client = createAthenaClient({ ...profile, region });
  const costs = new CostTally();
  let source: UsageSource;
  try {
    source = openAthenaUsage({
      client,
      region,
      database: args.database,
      table: args.table ?? ATHENA_DEFAULTS.table,
      workgroup: args.workgroup ?? ATHENA_DEFAULTS.workgroup,
      ...(output !== undefined ? { outputLocation: output } : {}),
      accounts,
      regions,
      timeoutSeconds: timeout,
      ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
      window,
      selection: PARAMETER_SELECTION,
      names,
      byHour,
      ...(args.quiet ? {} : { onQuery: (report) => stderr.write(`${costs.line(report)}\n`) }),
    });
  } catch (error) {
    client.destroy();
    throw error;
  }
  try {
    await source.principals();
  } catch (error) {
    source.close();
    throw error;
  }
  if (source.report.events === 0) {
    source.close();
    const narrowed = [accounts.length > 0 ? `accounts ${accounts.join(", ")}` : "", regions.length > 0 ? `regions ${regions.join(", ")}` : ""].filter(Boolean);
    throw new UsageError(
      `--engine athena: no CloudTrail events in ${args.database}.${args.table ?? ATHENA_DEFAULTS.table} for the window${narrowed.length > 0 ? ` and ${narrowed.join(", ")}` : ""}`,
    );
  }
  return source;
}

/** A positive amount of US dollars, as `0.50` or `$0.50`; anything else is the flag's fault. */
function dollars(value: string, flag: string): number {
  const amount = /^\$?(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) ? Number(value.trim().replace(/^\$/, "")) : Number.NaN;
  if (!(amount > 0)) throw new UsageError(`${flag} '${printable(value)}': give a budget in US dollars, more than 0 (like 0.50)`);
  return amount;
}
