import type { CommandModule } from "yargs";
import { renderTable } from "../emit/table.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";

interface RolesArgs extends ScanArgs {
  readonly format: "table" | "json";
}

/** "s3, dynamodb, sqs +3": enough to recognise a principal, short enough for a table. */
function shortServices(services: readonly string[]): string {
  const names = services.map((service) => service.replace(/\.amazonaws\.com$/, ""));
  return names.length <= 3 ? names.join(",") : `${names.slice(0, 3).join(",")} +${names.length - 3}`;
}

export const rolesCommand: CommandModule<object, RolesArgs> = {
  command: "roles",
  describe: "list every principal seen: calls, services, errors, first and last seen",
  builder: (yargs) =>
    withScanOptions(yargs).option("format", { choices: ["table", "json"] as const, default: "table" as const }),
  handler: async (args) => {
    const source = await openUsageSource(args);
    try {
      const principals = await source.principals();
      if (args.format === "json") {
        process.stdout.write(JSON.stringify(principals, null, 2) + "\n");
        return;
      }
      process.stdout.write(
        renderTable(
          ["PRINCIPAL", "TYPE", "CALLS", "ERRORS", "SERVICES", "FIRST SEEN", "LAST SEEN"],
          principals.map((p) => [
            p.principal,
            p.principalType,
            p.calls,
            p.errors,
            shortServices(p.services),
            p.firstSeen,
            p.lastSeen,
          ]),
        ),
      );
    } finally {
      source.close();
    }
  },
};
