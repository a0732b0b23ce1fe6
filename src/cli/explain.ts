import type { CommandModule } from "yargs";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import { printableJson } from "../emit/shared/printable-json.js";
import { renderCoverage, renderExplanation } from "../emit/explain/explain-text.js";
import { coverageOf } from "../mapping/coverage.js";
import { explainRoles } from "../pipeline/explain-roles.js";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { checkRoleArgs, resolveRoles, scanFocus, withRoleOptions, type RoleArgs } from "./role-options.js";
import { nameReductionFor } from "../mapping/generalization.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";
import { reportColor } from "./color-option.js";

interface ExplainArgs extends ScanArgs, RoleArgs, ConfigArgs {
  readonly summary: boolean;
  readonly format: "text" | "json";
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  ...COMMAND_SUMMARIES.explain,
  builder: (yargs) =>
    withConfigOptions(withRoleOptions(withScanOptions(yargs)))
      .option("all-principals", { type: "boolean", default: false, describe: "every role and IAM user seen" })
      .option("summary", { type: "boolean", default: false, describe: "coverage per role and the calls left uncovered" })
      .option("format", { choices: ["text", "json"] as const, default: "text" as const, describe: "text for people, json for scripts" })
      .example("$0 explain --logs examples/cloudtrail --role payments-service-task", "each call, the actions and resources it became, and why")
      .example("$0 explain --logs examples/cloudtrail --all-principals --summary", "coverage: the share of calls mapped, and every call that was not"),
  handler: async (args) => {
    checkRoleArgs(args);
    const config = await resolveConfig(args);
    const source = await openUsageSource(args, process.stderr, { names: nameReductionFor(config.generalize), focus: scanFocus(args) });
    try {
      const { roles, catalog } = await explainRoles(source, resolveRoles(args, await source.principals()), config.generalize);
      if (!args.summary) {
        const output = args.format === "json" ? printableJson(roles) : renderExplanation(roles, { color: reportColor(args.color, undefined) });
        process.stdout.write(output);
        return;
      }
      const perRole = roles.map(({ role, rows }) => ({ name: role.name, arn: role.arn, coverage: coverageOf(rows, catalog) }));
      const total = coverageOf(roles.flatMap((role) => role.rows), catalog);
      process.stdout.write(
        args.format === "json" ? printableJson({ roles: perRole, total }) : renderCoverage(perRole, total, { color: reportColor(args.color, undefined) }),
      );
    } finally {
      source.close();
    }
  },
};
