import type { CommandModule } from "yargs";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import { printableJson } from "../emit/shared/printable-json.js";
import { renderTable } from "../emit/shared/table.js";
import { printLines, tableLines } from "../emit/shared/text-paint.js";
import { reportColor } from "./color-option.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";

interface RolesArgs extends ScanArgs {
  readonly format: "text" | "json";
}

/** "s3, dynamodb, sqs +3": enough to recognise a principal, short enough for a table. */
function shortServices(services: readonly string[]): string {
  const names = services.map((service) => service.replace(/\.amazonaws\.com$/, ""));
  return names.length <= 3 ? names.join(",") : `${names.slice(0, 3).join(",")} +${names.length - 3}`;
}

export const rolesCommand: CommandModule<object, RolesArgs> = {
  ...COMMAND_SUMMARIES.roles,
  builder: (yargs) =>
    withScanOptions(yargs)
      .option("format", { choices: ["text", "json"] as const, default: "text" as const, describe: "text: a table for people; json: every field, for scripts" })
      .example("$0 roles --logs examples/cloudtrail", "every principal in the example logs")
      .example("$0 roles --engine athena --database tighten --since 30d --format json", "last month's principals of an organization trail, as JSON"),
  handler: async (args) => {
    // Only principals() is asked: no request parameters are read (principal-focus.ts).
    const source = await openUsageSource(args, process.stderr, { focus: [] });
    try {
      const principals = await source.principals();
      if (args.format === "json") {
        process.stdout.write(printableJson(principals));
        return;
      }
      const table = renderTable(
        ["PRINCIPAL", "TYPE", "CALLS", "ERRORS", "SERVICES", "FIRST SEEN", "LAST SEEN"],
        principals.map((p) => [p.principal, p.principalType, p.calls, p.errors, shortServices(p.services), p.firstSeen, p.lastSeen]),
      );
      process.stdout.write(printLines(tableLines(table), { color: reportColor(args.color, undefined) }).join("\n") + "\n");
    } finally {
      source.close();
    }
  },
};
