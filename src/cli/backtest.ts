import { EXIT_FINDINGS } from "./exit-codes.js";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import type { CommandModule } from "yargs";
import { parseSplit } from "../backtest/split.js";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { backtestTotals, renderBacktestJson, renderBacktestMarkdown, renderBacktestText } from "../emit/backtest/backtest-report.js";
import { backtestRoles } from "../pipeline/backtest-roles.js";
import type { Backtest } from "../backtest/backtest-report.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomic } from "./output-files.js";
import { checkRoleArgs, resolveRoles, scanFocus, withRoleOptions, type RoleArgs } from "./role-options.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";
import { reportColor } from "./color-option.js";

const FORMATS = ["text", "markdown", "json"] as const;

interface BacktestArgs extends ScanArgs, RoleArgs, ConfigArgs {
  readonly split: string;
  readonly format: (typeof FORMATS)[number];
  readonly out: string | undefined;
  readonly "fail-above": string | undefined;
}

export const backtestCommand: CommandModule<object, BacktestArgs> = {
  ...COMMAND_SUMMARIES.backtest,
  builder: (yargs) =>
    withConfigOptions(withRoleOptions(withScanOptions(yargs)))
      .option("split", {
        type: "string",
        demandOption: true,
        describe: "where the past ends: a share of the logs' span (70%) or a time (2026-11-20T00:00Z); taken on the hour",
      })
      .option("format", { choices: FORMATS, default: "text" as const, describe: "report format" })
      .example("$0 backtest --logs examples/fleet --all-roles --split 70%", "generate from the first 70% of the span, replay the rest")
      .example("$0 backtest --logs trail/ --role app-task --split 2026-11-20T00:00Z --fail-above 1%", "exit 1 when more than 1% of later calls would be refused")
      .option("out", { type: "string", describe: "write the report to this file (atomically) instead of stdout" })
      .option("fail-above", { type: "string", describe: "exit 1 when more than this share of later calls is refused or undetermined (1%, 0.5%, 0%)" }),
  handler: async (args) => {
    checkRoleArgs(args);
    const split = parseSplit(args.split, new Date());
    const failAbove = args["fail-above"] === undefined ? undefined : parseShare(args["fail-above"]);
    const config = await resolveConfig(args);
    // One scan for both halves: every name apart and calls by hour, split afterwards.
    const source = await openUsageSource(args, process.stderr, { names: "exact", byHour: true, focus: scanFocus(args) });
    let backtest: Backtest;
    try {
      const roles = resolveRoles(args, await source.principals());
      backtest = await backtestRoles(source, roles, split, config);
    } finally {
      source.close();
    }
    const text =
      args.format === "json"
        ? renderBacktestJson(backtest)
        : args.format === "markdown"
          ? renderBacktestMarkdown(backtest)
          : renderBacktestText(backtest, { color: reportColor(args.color, args.out) });
    if (args.out !== undefined) await writeFileAtomic(args.out, text);
    else process.stdout.write(text);
    if (failAbove !== undefined) {
      const totals = backtestTotals(backtest);
      const failing = totals.replayable === 0 ? 0 : (totals.refused + totals.undetermined) / totals.replayable;
      if (failing > failAbove) {
        process.stderr.write(`tighten: --fail-above ${args["fail-above"]}: ${totals.refused + totals.undetermined} of ${totals.replayable} later calls refused or undetermined\n`);
        process.exitCode = EXIT_FINDINGS;
      }
    }
  },
};

function parseShare(value: string): number {
  const match = /^(\d{1,3}(?:\.\d+)?)%$/.exec(value);
  const percent = match === null ? Number.NaN : Number(match[1]);
  if (!(percent >= 0 && percent <= 100)) throw new UsageError(`--fail-above ${value}: give a share such as 1% (0% to 100%)`);
  return percent / 100;
}
