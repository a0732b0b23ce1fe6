import { AthenaClient } from "@aws-sdk/client-athena";
import type { Argv } from "yargs";
import { accountId, regionName } from "../athena/ddl-values.js";
import { athenaOutputLocation } from "../athena/output-location.js";
import { createAthenaClient } from "../aws/athena/athena-client.js";
import { configuredRegion } from "../aws/sdk-environment.js";
import { formatQueryReport } from "../engines/athena/athena-cost.js";
import { openAthenaUsage } from "../engines/athena/athena-engine.js";
import type { NameReduction, UsageSource } from "../engines/engine.js";
import { scanLocalLogs } from "../engines/local/local-engine.js";
import { parseTimeWindow } from "../engines/time-window.js";
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
  // Where the logs are read: files on disk (local, the default) or the CloudTrail table in Athena.
  readonly engine?: "local" | "athena";
  readonly database?: string | undefined;
  readonly table?: string;
  readonly workgroup?: string;
  readonly output?: string | undefined;
  readonly accounts?: string[] | undefined;
  readonly regions?: string[] | undefined;
  readonly timeout?: number;
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
const ATHENA_ONLY = ["database", "output", "accounts", "regions"] as const;

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
    .option("strict", { type: "boolean", default: false, describe: "an unreadable log file is an error, not a warning" })
    .option("engine", { choices: ["local", "athena"] as const, default: "local" as const, describe: "read --logs on disk (local), or the CloudTrail table in Athena" })
    .option("database", { type: "string", describe: "--engine athena: the Athena database of the CloudTrail table (see tighten athena init)" })
    .option("table", { type: "string", default: ATHENA_DEFAULTS.table, describe: "--engine athena: the CloudTrail table" })
    .option("workgroup", { type: "string", default: ATHENA_DEFAULTS.workgroup, describe: "--engine athena: the workgroup to run queries in" })
    .option("output", { type: "string", describe: "--engine athena: s3:// location for query results (default: the workgroup's)" })
    .option("accounts", { type: "string", array: true, describe: "--engine athena: only these accounts' logs (partition pruning); repeatable" })
    .option("regions", { type: "string", array: true, describe: "--engine athena: only these regions' logs (partition pruning); repeatable" })
    .option("timeout", { type: "number", default: ATHENA_DEFAULTS.timeout, describe: "--engine athena: seconds a query may run before it is stopped" })
    .option("profile", { type: "string", describe: "AWS profile (default: the SDK's credential chain)" })
    .option("region", { type: "string", describe: "AWS region of the Athena database (default: the profile's)" }) as Argv<T & ScanArgs>;
}

/**
 * How a command needs the scan: `names`, how the engine reduces S3 keys and log streams (by shape
 * for generation, every one apart for a replay); `byHour`, calls also grouped by hour (backtest).
 */
export interface ScanShape {
  readonly names?: NameReduction;
  readonly byHour?: boolean;
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
  const source = await scanLocalLogs({
    logs: args.logs,
    window,
    selection: PARAMETER_SELECTION,
    names,
    byHour,
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
  const accounts = (args.accounts ?? []).map((account) => accountId(account, "--accounts"));
  const regions = (args.regions ?? []).map((region) => regionName(region, "--regions"));
  const output = args.output === undefined ? undefined : athenaOutputLocation(args.output);
  const window = parseTimeWindow(args.since, args.until, new Date());
  const profile = args.profile !== undefined ? { profile: args.profile } : {};
  const region = args.region ?? (await configuredRegion(() => new AthenaClient(profile)));
  if (region === undefined) throw new UsageError("--engine athena: no AWS region configured: pass --region, or set AWS_REGION or the profile's region");

  const client = createAthenaClient({ ...profile, region });
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
      window,
      selection: PARAMETER_SELECTION,
      names,
      byHour,
      ...(args.quiet ? {} : { onQuery: (report) => stderr.write(`${formatQueryReport(report)}\n`) }),
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
