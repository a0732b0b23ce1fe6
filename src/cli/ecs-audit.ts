import type { CommandModule } from "yargs";
import { accountId, regionName } from "../athena/ddl-values.js";
import type { TaskDefinition } from "../ecs/task-definition.js";
import { renderAuditJson } from "../emit/audit/audit-json.js";
import { renderAuditMarkdown } from "../emit/audit/audit-markdown.js";
import { renderAuditText } from "../emit/audit/audit-text.js";
import { AUDIT_FAIL_ON, auditFailures, auditTaskDefinitions } from "../pipeline/ecs-audit.js";
import type { EcsAuditReport } from "../ecs/audit-report.js";
import { acceptAudit } from "../accept/accept-audit.js";
import { acceptedOption, readAcceptedOption, type AcceptedArgs } from "./accepted-option.js";
import { failOnReasons, parseFailOnList } from "./fail-on.js";
import { reportColor, useColor, withColorOption, type ColorArgs } from "./color-option.js";
import { generationTime } from "./report-provenance.js";
import { assumeRoleName, withAssumeRoleOption, type AssumeRoleArgs } from "./assume-role-option.js";
import { readClusterTaskDefinitions } from "./cluster-task-definitions.js";
import { readTaskDefinitionFiles } from "./task-definition-files.js";

const FORMATS = ["text", "markdown", "json"] as const;

interface EcsAuditArgs extends AssumeRoleArgs, AcceptedArgs, ColorArgs {
  readonly "task-definition": string[] | undefined;
  readonly cluster: string[] | undefined;
  readonly region: string | undefined;
  readonly account: string | undefined;
  readonly profile: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly "fail-on": string[] | undefined;
}

export const ecsAuditCommand: CommandModule<object, EcsAuditArgs> = {
  command: "audit",
  describe: "credentials in containers' plain environment, and the secrets entries and execution role grant that would replace them",
  builder: (yargs) =>
    withColorOption(withAssumeRoleOption(yargs))
      .option("task-definition", { type: "string", array: true, describe: "a task definition JSON file (describe-task-definition output or bare); repeatable" })
      .option("cluster", { type: "string", array: true, describe: "the task definitions this cluster's services run (name or ARN); repeatable (default: every cluster of the region)" })
      .option("region", { type: "string", describe: "the fleet's region: where ECS is read (default: the profile's), and the secrets' region where a task definition has no ARN" })
      .option("account", { type: "string", describe: "the secrets' account where a task definition has no ARN and no role ARN" })
      .option("profile", { type: "string", describe: "AWS profile for reading ECS (default: the SDK's credential chain)" })
      .option("format", { choices: FORMATS, default: "text" as const, describe: "report format: text, markdown or json" })
      .example("$0 ecs audit --task-definition examples/ecs/*.json", "credentials sitting in task definitions' environment")
      .example("$0 ecs audit --cluster prod --format markdown --fail-on environment-secret --accepted accepted.json", "a report for the fleet in use; exit 1 on any credential not accepted")
      .option("fail-on", {
        type: "string",
        array: true,
        describe: `exit 1 when any of these is found: ${AUDIT_FAIL_ON.join(", ")} (comma-separated or repeated; findings is the older name of environment-secret)`,
      })
      .option("accepted", acceptedOption)
      .conflicts("task-definition", ["cluster", "profile", "assume-role"])
      .epilogue(
        "Without --task-definition, reads the task definitions the region's services run (ECS read-only). Values are never printed: each finding shows the value's length and why it was flagged.",
      ),
  handler: async (args) => {
    const flags = {
      region: args.region === undefined ? undefined : regionName(args.region, "--region"),
      account: args.account === undefined ? undefined : accountId(args.account, "--account"),
    };
    const failOn = parseFailOnList(args["fail-on"], AUDIT_FAIL_ON, { findings: "environment-secret" });
    const accepted = readAcceptedOption(args);
    const definitions = await readSources(args, flags.region);
    const audited = auditTaskDefinitions(definitions, flags);
    const report = accepted === undefined ? audited : acceptAudit(audited, accepted, generationTime(process.env).slice(0, 10));
    process.stdout.write(render(report, args.format, reportColor(args.color, undefined)));
    failOnReasons(auditFailures(report, failOn), useColor(args.color, process.stderr));
  },
};

async function readSources(args: EcsAuditArgs, region: string | undefined): Promise<TaskDefinition[]> {
  const files = args["task-definition"] ?? [];
  if (files.length > 0) return readTaskDefinitionFiles(files);
  return readClusterTaskDefinitions({ clusters: args.cluster ?? [], profile: args.profile, region, prefix: "ecs audit", assumeRole: assumeRoleName(args) });
}

function render(report: EcsAuditReport, format: EcsAuditArgs["format"], color: boolean): string {
  switch (format) {
    case "json":
      return renderAuditJson(report);
    case "markdown":
      return renderAuditMarkdown(report);
    default:
      return renderAuditText(report, { color });
  }
}
