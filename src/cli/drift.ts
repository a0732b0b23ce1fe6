import { COMMAND_SUMMARIES } from "./command-summaries.js";
import type { CommandModule } from "yargs";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { checkBaselineDirectory, readBaselineDirectory } from "../drift/baseline-directory.js";
import { type DriftReport, type FailOn } from "../drift/drift-report.js";
import { driftFailures } from "../drift/drift-failures.js";
import { acceptDrift } from "../accept/accept-drift.js";
import { acceptedOption, readAcceptedOption, type AcceptedArgs } from "./accepted-option.js";
import { failOnReasons, parseFailOnList } from "./fail-on.js";
import { reportColor, useColor } from "./color-option.js";
import { DEFAULT_DRIFT_SINCE, DEFAULT_HISTORY, driftWindow } from "../drift/drift-window.js";
import { checkHistoryDirectory, type DriftTrend } from "../drift/history.js";
import { renderDriftHtml } from "../emit/drift/drift-html.js";
import { renderDriftJson } from "../emit/drift/drift-json.js";
import { renderDriftMarkdown } from "../emit/drift/drift-markdown.js";
import { renderDriftText } from "../emit/drift/drift-text.js";
import type { RoleArn } from "../engines/role-selection.js";
import { driftRoles } from "../pipeline/drift-roles.js";
import type { RoleCurrentPolicies } from "../pipeline/generate-policies.js";
import { UsageError } from "../usage-error.js";
import type { Provenance } from "../emit/shared/provenance.js";
import { reportProvenance } from "./report-provenance.js";
import { recordDriftRun } from "./drift-history.js";
import { withAssumeRoleOption, type AssumeRoleArgs } from "./assume-role-option.js";
import { loadCurrentPolicies } from "./current-policy-options.js";
import { roleFileBaseChoices, roleFileBases, writeFileAtomic } from "./output-files.js";
import { readManifest } from "./out-manifest.js";
import { checkRoleArgs, resolveRoles, scanFocus, withRoleOptions, type RoleArgs } from "./role-options.js";
import { openUsageSource, withScanOptions, type AwsArgs, type ScanArgs } from "./scan-options.js";

const FAIL_ON: readonly FailOn[] = ["drift", "denied", "wildcards", "ecs"];
const FORMATS = ["text", "markdown", "json", "html"] as const;

interface DriftArgs extends ScanArgs, AwsArgs, RoleArgs, ConfigArgs, AssumeRoleArgs, AcceptedArgs {
  readonly baseline: string | undefined;
  readonly "from-iam": boolean | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly out: string | undefined;
  readonly "fail-on": string[] | undefined;
  readonly history: string;
  readonly "history-dir": string | undefined;
}

export const driftCommand: CommandModule<object, DriftArgs> = {
  ...COMMAND_SUMMARIES.drift,
  builder: (yargs) =>
    withAssumeRoleOption(withConfigOptions(withRoleOptions(withScanOptions(yargs))))
      .option("baseline", { type: "string", describe: "directory of reviewed policies, as generate --out wrote them (<role>.json, <role>-2.json...)" })
      // No default: yargs would count a default false as given and report a conflict with --baseline.
      .option("from-iam", { type: "boolean", describe: "the baseline is the roles' live policies in IAM (read-only)" })
      .option("format", { choices: FORMATS, default: "text" as const, describe: "text, markdown (a pull request or issue), json (docs/drift-json.md) or html (one self-contained page)" })
      .example("$0 drift --logs examples/cloudtrail --all-roles --baseline examples/current --since 2026-11-01", "what changed since the reviewed policies (the examples are of November 2026)")
      .example("$0 drift --engine athena --database tighten --all-roles --from-iam --format html --out drift.html --fail-on drift,denied", "a weekly report over an organization trail; exit 1 on drift or denied calls")
      .option("out", { type: "string", describe: "write the report to this file (atomically) instead of stdout" })
      .option("fail-on", {
        type: "string",
        array: true,
        describe: `exit 1 when any of these is found: ${FAIL_ON.join(", ")} (comma-separated or repeated); drift is unused grants or new usage`,
      })
      .option("history", {
        type: "string",
        default: DEFAULT_HISTORY,
        describe: "how far before the window to look for the last use of an unused grant: a duration, or 0 for none",
      })
      // Not --history, which already is the look-back above.
      .option("history-dir", { type: "string", describe: "keep each run's JSON report in this directory, and draw each role's unused, new and denied over the last 12 runs (html, markdown)" })
      .option("accepted", acceptedOption)
      .conflicts("baseline", "from-iam")
      .epilogue(`The window is --since (default ${DEFAULT_DRIFT_SINCE}) to --until.`),
  handler: async (args) => {
    checkRoleArgs(args);
    if (args.baseline === undefined && args["from-iam"] !== true) {
      throw new UsageError("drift needs a baseline: --baseline DIR (the reviewed policies generate --out wrote) or --from-iam");
    }
    if (args["assume-role"] !== undefined && args["from-iam"] !== true) throw new UsageError("--assume-role is how --from-iam reads other accounts' roles: add --from-iam");
    const failOn = parseFailOn(args["fail-on"]);
    const window = driftWindow({ since: args.since, until: args.until, history: args.history }, new Date());
    const config = await resolveConfig(args);
    if (args.baseline !== undefined) checkBaselineDirectory(args.baseline);
    if (args["history-dir"] !== undefined) checkHistoryDirectory(args["history-dir"]);
    const accepted = readAcceptedOption(args);
    // Names kept apart: unused grants are judged on each name as called (see driftRoles).
    const source = await openUsageSource({ ...args, since: window.readFrom, until: window.until ?? undefined }, process.stderr, { names: "exact", focus: scanFocus(args) });
    let report: DriftReport;
    let provenance: Provenance;
    try {
      const roles = resolveRoles(args, await source.principals());
      report = await driftRoles(source, roles, await loadBaselines(args, roles), window, config);
      provenance = await reportProvenance(source, args.engine ?? "local", args.baseline !== undefined ? `baseline ${args.baseline}` : "IAM (--from-iam)");
    } finally {
      source.close();
    }
    if (accepted !== undefined) report = acceptDrift(report, accepted, provenance.generated.slice(0, 10));
    const trend = args["history-dir"] === undefined ? undefined : await recordDriftRun(args["history-dir"], report, provenance, process.stderr);
    const text = render(report, args.format, provenance, trend, reportColor(args.color, args.out));
    if (args.out !== undefined) await writeFileAtomic(args.out, text);
    else process.stdout.write(text);
    failOnReasons(driftFailures(report, failOn), useColor(args.color, process.stderr));
  },
};

/** `--fail-on drift,denied --fail-on ecs` -> the categories, each checked. */
export function parseFailOn(values: readonly string[] | undefined): FailOn[] {
  return parseFailOnList(values, FAIL_ON);
}

async function loadBaselines(args: DriftArgs, roles: readonly RoleArn[]): Promise<Map<string, RoleCurrentPolicies>> {
  if (args.baseline !== undefined) {
    const manifest = readManifest(args.baseline);
    return readBaselineDirectory(args.baseline, roles, roleFileBaseChoices(roles), (role) => manifest?.roles[role.arn]);
  }
  const fromIam = await loadCurrentPolicies({ current: undefined, "from-iam": true, profile: args.profile, region: args.region, "assume-role": args["assume-role"] }, roles);
  const missing = roles.find((role) => !fromIam?.has(role.arn));
  if (fromIam === undefined || missing !== undefined) throw new UsageError(`--from-iam: role ${missing?.name ?? roles[0]?.name}: not found in IAM`);
  return fromIam;
}

function render(report: DriftReport, format: DriftArgs["format"], provenance: Provenance, trend: DriftTrend | undefined, color: boolean): string {
  switch (format) {
    case "json":
      return renderDriftJson(report, provenance);
    case "markdown":
      return renderDriftMarkdown(report, provenance, trend);
    case "html":
      return renderDriftHtml(report, provenance, trend);
    default:
      return renderDriftText(report, provenance, { color });
  }
}
