import { EXIT_FINDINGS } from "./exit-codes.js";
import type { CommandModule } from "yargs";
import { accountId, regionName } from "../athena/ddl-values.js";
import type { TaskDefinition } from "../ecs/task-definition.js";
import { renderAuditJson } from "../emit/audit-json.js";
import { renderAuditMarkdown } from "../emit/audit-markdown.js";
import { renderAuditText } from "../emit/audit-text.js";
import { AUDIT_FAIL_ON, auditFails, auditTaskDefinitions, type AuditFailOn, type EcsAuditReport } from "../pipeline/ecs-audit.js";
import { assumeRoleName, withAssumeRoleOption, type AssumeRoleArgs } from "./assume-role-option.js";
import { readClusterTaskDefinitions } from "./cluster-task-definitions.js";
import { readTaskDefinitionFiles } from "./task-definition-files.js";

const FORMATS = ["text", "markdown", "json"] as const;

interface EcsAuditArgs extends AssumeRoleArgs {
  readonly "task-definition": string[] | undefined;
  readonly cluster: string[] | undefined;
  readonly region: string | undefined;
  readonly account: string | undefined;
  readonly profile: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly "fail-on": AuditFailOn | undefined;
}

export const ecsAuditCommand: CommandModule<object, EcsAuditArgs> = {
  command: "audit",
  describe: "credentials in containers' plain environment, and the secrets entries and execution role grant that would replace them",
  builder: (yargs) =>
    withAssumeRoleOption(yargs)
      .option("task-definition", { type: "string", array: true, describe: "a task definition JSON file (describe-task-definition output or bare); repeatable" })
      .option("cluster", { type: "string", array: true, describe: "the task definitions this cluster's services run (name or ARN); repeatable (default: every cluster of the region)" })
      .option("region", { type: "string", describe: "the fleet's region: where ECS is read (default: the profile's), and the secrets' region where a task definition has no ARN" })
      .option("account", { type: "string", describe: "the secrets' account where a task definition has no ARN and no role ARN" })
      .option("profile", { type: "string", describe: "AWS profile for reading ECS (default: the SDK's credential chain)" })
      .option("format", { choices: FORMATS, default: "text" as const, describe: "report format: text, markdown or json" })
      .example("$0 ecs audit --task-definition examples/ecs/*.json", "credentials sitting in task definitions' environment")
      .example("$0 ecs audit --cluster prod --format markdown --fail-on findings", "a report for the fleet in use; exit 1 on any finding")
      .option("fail-on", { choices: AUDIT_FAIL_ON, describe: "exit 1 when anything is found (for CI)" })
      .conflicts("task-definition", ["cluster", "profile", "assume-role"])
      .epilogue(
        "Without --task-definition, reads the task definitions the region's services run (ECS read-only). Values are never printed: each finding shows the value's length and why it was flagged.",
      ),
  handler: async (args) => {
    const flags = {
      region: args.region === undefined ? undefined : regionName(args.region, "--region"),
      account: args.account === undefined ? undefined : accountId(args.account, "--account"),
    };
    const definitions = await readSources(args, flags.region);
    const report = auditTaskDefinitions(definitions, flags);
    process.stdout.write(render(report, args.format));
    if (auditFails(report, args["fail-on"] === undefined ? [] : [args["fail-on"]])) process.exitCode = EXIT_FINDINGS;
  },
};

async function readSources(args: EcsAuditArgs, region: string | undefined): Promise<TaskDefinition[]> {
  const files = args["task-definition"] ?? [];
  if (files.length > 0) return readTaskDefinitionFiles(files);
  return readClusterTaskDefinitions({ clusters: args.cluster ?? [], profile: args.profile, region, prefix: "ecs audit", assumeRole: assumeRoleName(args) });
}

function render(report: EcsAuditReport, format: EcsAuditArgs["format"]): string {
  switch (format) {
    case "json":
      return renderAuditJson(report);
    case "markdown":
      return renderAuditMarkdown(report);
    default:
      return renderAuditText(report);
  }
}
