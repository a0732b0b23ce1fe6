import { ECSClient } from "@aws-sdk/client-ecs";
import type { CommandModule } from "yargs";
import { regionName } from "../athena/ddl-values.js";
import { createEcsClient } from "../aws/ecs/ecs-client.js";
import { createIamClient } from "../aws/iam/iam-client.js";
import { configuredRegion } from "../aws/sdk-environment.js";
import { hasFindings, type FleetReport } from "../ecs/fleet.js";
import { renderFleetJson } from "../emit/fleet/fleet-json.js";
import { renderFleetMarkdown } from "../emit/fleet/fleet-markdown.js";
import { renderFleetText } from "../emit/fleet/fleet-text.js";
import { offlineFleet, readFleet } from "../pipeline/ecs-fleet.js";
import { UsageError } from "../usage-error.js";
import { assumeRoleName, withAssumeRoleOption, type AssumeRoleArgs } from "./assume-role-option.js";
import { ecsAccounts } from "./ecs-accounts.js";
import { readTaskDefinitionFiles } from "./task-definition-files.js";
import { failOnReasons, parseFailOnList } from "./fail-on.js";
import { reportColor, useColor, withColorOption, type ColorArgs } from "./color-option.js";

const FORMATS = ["text", "markdown", "json"] as const;
const FAIL_ON = ["findings"] as const;

interface EcsRolesArgs extends AssumeRoleArgs, ColorArgs {
  readonly cluster: string[] | undefined;
  readonly "task-definition": string[] | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly "fail-on": string[] | undefined;
  readonly profile: string | undefined;
  readonly region: string | undefined;
}

/** `tighten ecs roles`: per cluster and service, the task definition in use and its two roles, with flags. */
export const ecsRolesCommand: CommandModule<object, EcsRolesArgs> = {
  command: "roles",
  describe: "per cluster and service: task definition, task role, execution role; flags shared roles and weak trust",
  builder: (yargs) =>
    withColorOption(withAssumeRoleOption(yargs))
      .option("cluster", { type: "string", array: true, describe: "only these clusters (name or ARN); repeatable (default: every cluster of the region)" })
      .option("task-definition", {
        type: "string",
        array: true,
        describe: "offline: task definition JSON (aws ecs describe-task-definition output, or a bare one); repeatable, each file one service",
      })
      .option("format", { choices: FORMATS, default: "text" as const, describe: "report format: text, markdown or json" })
      .example("$0 ecs roles --task-definition examples/ecs/*.json", "which role each service runs as, and what is wrong with it, from files")
      .example("$0 ecs roles --cluster prod --fail-on findings", "live, from the cluster; exit 1 on any finding")
      .option("fail-on", { type: "string", array: true, describe: `exit 1 when any of these is found: ${FAIL_ON.join(", ")} (any flag raised; comma-separated or repeated, as in drift)` })
      // The same two flags as --from-iam and --engine athena (current-policy-options.ts, scan-options.ts).
      .option("profile", { type: "string", describe: "AWS profile (default: the SDK's credential chain)" })
      .option("region", { type: "string", describe: "region of the clusters (default: the profile's)" })
      .conflicts("task-definition", ["cluster", "profile", "region", "assume-role"]),
  handler: async (args) => {
    const failOn = parseFailOnList(args["fail-on"], FAIL_ON);
    const files = args["task-definition"] ?? [];
    const report = files.length > 0 ? offlineFleet(readTaskDefinitionFiles(files)) : await fleetFromAws(args);
    process.stdout.write(render(report, args.format, reportColor(args.color, undefined)));
    const found = report.findings.length;
    failOnReasons(failOn.includes("findings") && hasFindings(report) ? [{ category: "findings", found: `${found} finding${found === 1 ? "" : "s"} in the fleet` }] : [], useColor(args.color, process.stderr));
  },
};

async function fleetFromAws(args: EcsRolesArgs): Promise<FleetReport> {
  const clusters = args.cluster ?? [];
  if (clusters.some((cluster) => cluster.trim() === "")) throw new UsageError("--cluster needs a cluster name or ARN");
  const profile = args.profile !== undefined ? { profile: args.profile } : {};
  const region = args.region !== undefined ? regionName(args.region, "--region") : await configuredRegion(() => new ECSClient(profile));
  if (region === undefined) {
    throw new UsageError("ecs roles: no AWS region configured: pass --region, or set AWS_REGION or the profile's region (or --task-definition FILE to work offline)");
  }
  const ecs = createEcsClient({ ...profile, region });
  const iam = createIamClient({ ...profile, region });
  const accounts = ecsAccounts({ profile: args.profile, region, assumeRole: assumeRoleName(args), prefix: "ecs roles" }, { ecs, iam });
  try {
    return await readFleet({ ecs, iam, region, clusters, ecsOf: accounts.ecsOf, ...(accounts.iamOf !== undefined ? { iamOf: accounts.iamOf } : {}) });
  } finally {
    accounts.destroy();
    ecs.destroy();
    iam.destroy();
  }
}

function render(report: FleetReport, format: EcsRolesArgs["format"], color: boolean): string {
  switch (format) {
    case "json":
      return renderFleetJson(report);
    case "markdown":
      return renderFleetMarkdown(report);
    default:
      return renderFleetText(report, { color });
  }
}
