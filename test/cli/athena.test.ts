import { GetQueryExecutionCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { CreateTrailCommand, PutEventSelectorsCommand } from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MOTO_ACCOUNT, startMoto, type Moto } from "../support/moto.js";
import { runWithEnv } from "../support/run-cli.js";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
}, 60_000);
afterAll(() => moto?.stop());

beforeEach(async () => {
  await moto.reset();
  await moto.createBucket("acme-cloudtrail");
  const cloudTrail = moto.cloudTrailClient();
  try {
    await cloudTrail.send(new CreateTrailCommand({ Name: "audit", S3BucketName: "acme-cloudtrail", S3KeyPrefix: "prod" }));
    await cloudTrail.send(
      new PutEventSelectorsCommand({
        TrailName: "audit",
        EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::acme-payments-receipts/"] }] }],
      }),
    );
    await cloudTrail.send(new CreateTrailCommand({ Name: "management-only", S3BucketName: "acme-cloudtrail" }));
    await cloudTrail.send(new CreateTrailCommand({ Name: "org", S3BucketName: "acme-cloudtrail", IsOrganizationTrail: true, IsMultiRegionTrail: true }));
  } finally {
    cloudTrail.destroy();
  }
});

const env = () => moto.cliEnv("CLOUDTRAIL", "ATHENA");

/** The statements moto's Athena was asked to run, in order. */
async function athenaStatements(): Promise<string[]> {
  const athena = moto.athenaClient();
  try {
    const { QueryExecutionIds: ids = [] } = await athena.send(new ListQueryExecutionsCommand({}));
    const queries = await Promise.all(ids.map(async (id) => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!));
    return queries.sort((a, b) => Number(a.Status!.SubmissionDateTime) - Number(b.Status!.SubmissionDateTime)).map((query) => query.Query!);
  } finally {
    athena.destroy();
  }
}

describe("tighten athena init (moto on loopback)", () => {
  it("--print prints the two statements on stdout, a summary on stderr, and runs nothing on Athena", async () => {
    const result = await runWithEnv(env(), "athena", "init", "--trail", "audit", "--print");
    expect(result.code, result.stderr).toBe(0);
    const statements = result.stdout.split(";\n\n");
    expect(statements).toHaveLength(2);
    expect(statements[0]).toBe("CREATE DATABASE IF NOT EXISTS `tighten`");
    expect(statements[1]).toMatch(/^CREATE EXTERNAL TABLE `tighten`.`cloudtrail` \(\n/);
    expect(result.stdout).toContain("\nLOCATION 's3://acme-cloudtrail/prod/AWSLogs/'\n");
    expect(result.stdout).toContain(`\n  'projection.account.values'='${MOTO_ACCOUNT}',\n  'projection.region.type'='enum',\n  'projection.region.values'='us-east-1',\n`);
    expect(result.stdout).toContain("\n  'storage.location.template'='s3://acme-cloudtrail/prod/AWSLogs/${account}/CloudTrail/${region}/${timestamp}',\n");
    expect(result.stdout).toContain(`\n  'tighten.data_events'='[{"resourceType":"AWS::S3::Object","readOnly":"all","scope":"arn:aws:s3:::acme-payments-receipts/"}]'\n);\n`);
    expect(result.stderr.split("\n")).toEqual([
      `trail:             arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT}:trail/audit (single-region, home region us-east-1)`,
      "bucket:            s3://acme-cloudtrail/prod",
      "location:          s3://acme-cloudtrail/prod/AWSLogs/${account}/CloudTrail/${region}/${timestamp}",
      `accounts:          ${MOTO_ACCOUNT}`,
      "regions:           us-east-1",
      "days:              from 2013/11/13",
      "management events: all",
      "data events:       AWS::S3::Object (all) arn:aws:s3:::acme-payments-receipts/",
      "printed the statements; nothing was run on Athena",
      "",
    ]);
    expect(await athenaStatements()).toEqual([]);
  });

  it("without --print runs CREATE DATABASE, then CREATE EXTERNAL TABLE, each to completion", async () => {
    const printed = await runWithEnv(env(), "athena", "init", "--trail", "audit", "--print", "--database", "security", "--table", "trail_logs");
    const result = await runWithEnv(env(), "athena", "init", "--trail", "audit", "--database", "security", "--table", "trail_logs", "--output", "s3://acme-athena-results/tighten/");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/\ntable: {13}security\.trail_logs created \(workgroup primary\)\n$/);
    expect(await athenaStatements()).toEqual(printed.stdout.trimEnd().replace(/;$/, "").split(";\n\n"));
  });

  it("says when the trail records no data events, and what that means", async () => {
    const result = await runWithEnv(env(), "athena", "init", "--trail", "management-only", "--print");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "\ndata events:       none: data events such as S3 object reads are not recorded; generate/diff will treat those actions as unobservable\n",
    );
    expect(result.stdout).toContain("\n  'tighten.data_events'='[]'\n");
  });

  it("an organization trail needs --organization-id and --accounts, and then reads under AWSLogs/o-.../", async () => {
    const bare = await runWithEnv(env(), "athena", "init", "--trail", "org", "--print");
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toBe("tighten: --trail org is an organization trail: pass --accounts with the member account ids whose logs the table should read (the trail's own account is 123456789012)\n");
    const noOrg = await runWithEnv(env(), "athena", "init", "--trail", "org", "--print", "--accounts", "111122223333");
    expect(noOrg.stderr).toMatch(/^tighten: --trail org is an organization trail, whose logs are under AWSLogs\/o-\.\.\.\/: pass --organization-id/);
    const full = await runWithEnv(env(), "athena", "init", "--trail", "org", "--print", "--accounts", "111122223333", "--accounts", MOTO_ACCOUNT, "--organization-id", "o-a1b2c3d4e5", "--regions", "us-east-1,eu-west-1");
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain("\n  'storage.location.template'='s3://acme-cloudtrail/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}',\n");
    expect(full.stdout).toContain(`\n  'projection.account.values'='111122223333,${MOTO_ACCOUNT}',\n`);
    expect(full.stdout).toContain("\n  'projection.region.values'='eu-west-1,us-east-1',\n");
    expect(full.stderr).toContain("(organization, multi-region, home region us-east-1)");
  });

  it("bad input is one line and exit 2, before anything runs on Athena", async () => {
    const cases: [string[], RegExp][] = [
      [["--trail", "audti"], /^tighten: --trail audti: no such trail in us-east-1 /],
      [["--trail", "audit", "--table", "trail-logs"], /^tighten: --table 'trail-logs' is not an Athena name/],
      [["--trail", "audit", "--output", "acme-athena-results/tighten"], /^tighten: --output 'acme-athena-results\/tighten' is not an s3:\/\/BUCKET\/PREFIX\/ location/],
      [["--trail", "audit", "--since-date", "last year"], /^tighten: --since-date 'last year' is not a date/],
      [["--trail", "audit", "--organization-id", "o-a1b2c3d4e5"], /^tighten: --organization-id goes with an organization trail/],
      [["--trail", "audit", "--region", "us-east-1'"], /^tighten: --region 'us-east-1'' is not an AWS region name/],
    ];
    for (const [args, message] of cases) {
      const result = await runWithEnv(env(), "athena", "init", ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.split("\n")).toHaveLength(2);
      expect(result.stderr).toMatch(message);
    }
    expect(await athenaStatements()).toEqual([]);
  });

  it("no region anywhere is a usage error asking for --region", async () => {
    const result = await runWithEnv({ ...env(), AWS_REGION: "", AWS_DEFAULT_REGION: "", AWS_CONFIG_FILE: "/nonexistent/config", AWS_PROFILE: "" }, "athena", "init", "--trail", "audit", "--print");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("tighten: athena init: no AWS region configured: pass --region, or set AWS_REGION or the profile's region\n");
  });
});
