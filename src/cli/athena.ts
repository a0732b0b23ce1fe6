import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import type { CommandModule } from "yargs";
import { createAthenaClient } from "../aws/athena/athena-client.js";
import { cloudTrailClients } from "../aws/cloudtrail/cloudtrail-client.js";
import { readTrailConfig } from "../aws/cloudtrail/read-trail.js";
import { configuredRegion } from "../aws/sdk-environment.js";
import { regionName } from "../athena/ddl-values.js";
import { athenaOutputLocation } from "../athena/output-location.js";
import { renderAthenaInitSummary } from "../emit/athena/athena-init-text.js";
import { planAthenaTable, planScript, runAthenaPlan } from "../pipeline/athena-init.js";
import { UsageError } from "../usage-error.js";

interface AthenaInitArgs {
  readonly trail: string;
  readonly database: string;
  readonly table: string;
  readonly workgroup: string;
  readonly output: string | undefined;
  readonly accounts: string[] | undefined;
  readonly regions: string[] | undefined;
  readonly "organization-id": string | undefined;
  readonly "since-date": string | undefined;
  readonly profile: string | undefined;
  readonly region: string | undefined;
  readonly print: boolean;
  readonly replace: boolean;
}

const initCommand: CommandModule<object, AthenaInitArgs> = {
  command: "init",
  describe: "create the Athena table over a trail's logs (reads the trail; changes nothing but the Athena database and table)",
  builder: (yargs) =>
    yargs
      .option("trail", { type: "string", demandOption: true, describe: "the trail's name or ARN" })
      .option("database", { type: "string", default: "tighten", describe: "Athena database (created if missing)" })
      .option("table", { type: "string", default: "cloudtrail", describe: "Athena table to create" })
      .option("workgroup", { type: "string", default: "primary", describe: "Athena workgroup to run the statements in" })
      .option("output", { type: "string", describe: "s3:// location for Athena's results (default: the workgroup's)" })
      .option("accounts", { type: "string", array: true, describe: "account ids whose logs the table reads (required for an organization trail; default: the trail's account)" })
      .option("regions", { type: "string", array: true, describe: "regions whose logs the table reads (default: the trail's region, or every region for a multi-region trail)" })
      .option("organization-id", { type: "string", describe: "o-... : the organization of an organization trail (required for one)" })
      .option("since-date", { type: "string", describe: "first day of logs the table covers, YYYY-MM-DD (default: 2013-11-13, when CloudTrail began)" })
      .option("profile", { type: "string", describe: "AWS profile (default: the SDK's credential chain)" })
      .option("region", { type: "string", describe: "region to look the trail up in and run Athena in (default: the profile's)" })
      .option("print", { type: "boolean", default: false, describe: "print the statements instead of running them (still reads the trail)" })
      .option("replace", { type: "boolean", default: false, describe: "drop an existing table of that name first (its logs stay in S3)" })
      .example("$0 athena init --trail org-trail --organization-id o-a1b2c3d4e5 --accounts 111122223333 444455556666", "a table over an organization trail")
      .example("$0 athena init --trail my-trail --print", "the statements it would run, run nothing"),
  handler: async (args) => {
    const output = args.output === undefined ? undefined : athenaOutputLocation(args.output);
    const profile = args.profile !== undefined ? { profile: args.profile } : {};
    const region = args.region !== undefined ? regionName(args.region, "--region") : await configuredRegion(() => new CloudTrailClient(profile));
    if (region === undefined) throw new UsageError("athena init: no AWS region configured: pass --region, or set AWS_REGION or the profile's region");

    const cloudTrail = cloudTrailClients(profile);
    const trail = await readTrailConfig(cloudTrail.clientFor, region, args.trail).finally(() => cloudTrail.destroy());
    const plan = planAthenaTable(
      trail,
      {
        database: args.database,
        table: args.table,
        accounts: args.accounts,
        regions: args.regions,
        organizationId: args["organization-id"],
        sinceDate: args["since-date"],
      },
      args.replace,
    );
    if (args.print) {
      process.stdout.write(planScript(plan));
      process.stderr.write(renderAthenaInitSummary(plan, { kind: "printed" }));
      return;
    }
    const athena = createAthenaClient({ ...profile, region });
    try {
      await runAthenaPlan(athena, plan, { region, workgroup: args.workgroup, outputLocation: output });
    } finally {
      athena.destroy();
    }
    process.stderr.write(renderAthenaInitSummary(plan, { kind: "created", workgroup: args.workgroup }));
  },
};

export const athenaCommand: CommandModule = {
  ...COMMAND_SUMMARIES.athena,
  builder: (yargs) => yargs.command(initCommand).demandCommand(1, "say which athena command: init"),
  handler: () => undefined,
};
