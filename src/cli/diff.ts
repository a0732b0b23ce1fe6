import { EXIT_FINDINGS } from "./exit-codes.js";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import type { CommandModule } from "yargs";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { hasDifferences } from "../diff/role-diff.js";
import { renderDiffJson } from "../emit/diff/diff-json.js";
import { renderDiffMarkdown, withUnifiedMarkdown } from "../emit/diff/diff-markdown.js";
import { renderDiffText } from "../emit/diff/diff-text.js";
import { renderUnifiedDiff } from "../emit/diff/unified-diff.js";
import { printable } from "../emit/shared/printable.js";
import { uncarriedWarnings, warningLines } from "./warnings.js";
import { paintLead, useColor } from "./color-option.js";
import { diffRoles, type RoleReview } from "../pipeline/diff-roles.js";
import { UsageError } from "../usage-error.js";
import type { Provenance } from "../emit/shared/provenance.js";
import { reportProvenance } from "./report-provenance.js";
import { checkCurrentPolicyArgs, loadCurrentPolicies, withCurrentPolicyOptions, type CurrentPolicyArgs } from "./current-policy-options.js";
import { checkRoleArgs, resolveRoles, scanFocus, withRoleOptions, type RoleArgs } from "./role-options.js";
import { nameReductionFor } from "../mapping/generalization.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";

interface DiffArgs extends ScanArgs, RoleArgs, ConfigArgs, CurrentPolicyArgs {
  readonly format: "text" | "markdown" | "json";
  readonly unified: boolean;
  readonly "exit-code": boolean;
}

export const diffCommand: CommandModule<object, DiffArgs> = {
  ...COMMAND_SUMMARIES.diff,
  builder: (yargs) =>
    withCurrentPolicyOptions(withConfigOptions(withRoleOptions(withScanOptions(yargs))))
      .option("format", { choices: ["text", "markdown", "json"] as const, default: "text" as const, describe: "text for a terminal, markdown for a pull request, json for scripts (docs/diff-json.md)" })
      .example("$0 diff --logs examples/cloudtrail --role payments-service-task --current examples/current/payments-service-task.json", "what tightening would remove from the current policy")
      .example("$0 diff --logs trail/ --role app-task --from-iam --format markdown --exit-code", "a pull-request comment; exit 1 when anything changes")
      .option("unified", { type: "boolean", default: false, describe: "also a unified diff of the two policies as normalized JSON" })
      .option("exit-code", { type: "boolean", default: false, describe: "exit 1 when tightening would change anything" }),
  handler: async (args) => {
    checkRoleArgs(args);
    if (args.current === undefined && !args["from-iam"]) {
      throw new UsageError("diff needs the role's current policy: --current FILE (repeatable) or --from-iam");
    }
    if (args.unified && args.format === "json") throw new UsageError("--unified goes with --format text or markdown: the JSON report lists every change per action already");
    const config = await resolveConfig(args);
    checkCurrentPolicyArgs(args);
    const source = await openUsageSource(args, process.stderr, { names: nameReductionFor(config.generalize), focus: scanFocus(args) });
    try {
      const roles = resolveRoles(args, await source.principals());
      const current = await loadCurrentPolicies(args, roles);
      if (current === undefined) throw new UsageError("diff needs the role's current policy: --current FILE or --from-iam");
      const reviews = await diffRoles(source, roles, current, config);
      reportUncarried(reviews, args.verbose === true, useColor(args.color, process.stderr));
      const policies = args.current === undefined ? "IAM (--from-iam)" : `current policy ${[args.current].flat().join(", ")}`;
      process.stdout.write(render(reviews, args, await reportProvenance(source, args.engine ?? "local", policies)));
      if (args["exit-code"] && reviews.some((review) => hasDifferences(review.diff))) process.exitCode = EXIT_FINDINGS;
    } finally {
      source.close();
    }
  },
};

function render(reviews: readonly RoleReview[], args: DiffArgs, provenance: Provenance): string {
  const diffs = reviews.map((review) => review.diff);
  const report =
    args.format === "json"
      ? renderDiffJson(diffs, provenance)
      : args.format === "markdown"
        ? renderDiffMarkdown(diffs, provenance)
        : renderDiffText(diffs, { color: useColor(args.color, process.stdout) }, provenance);
  if (!args.unified) return report;
  const patches = reviews.map((review) =>
    renderUnifiedDiff(review.current, review.generated.document, {
      current: `current/${review.generated.role.name}.json`,
      generated: `generated/${review.generated.role.name}.json`,
    }),
  );
  const unified = patches.join("");
  if (args.format === "markdown") return withUnifiedMarkdown(report, unified);
  return `${report}\n${unified}`;
}

function reportUncarried(reviews: readonly RoleReview[], verbose: boolean, color: boolean): void {
  for (const review of reviews) {
    const warnings = uncarriedWarnings(review.generated.role.name, review.generated.current?.unobservable.uncarried ?? []);
    for (const line of warningLines(warnings, verbose)) process.stderr.write(`${paintLead(printable(line), color)}\n`);
  }
}
