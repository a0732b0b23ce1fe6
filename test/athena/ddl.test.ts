import { describe, expect, it } from "vitest";
import { renderCloudTrailTable, renderCreateDatabase } from "../../src/athena/ddl.js";
import { cloudTrailTableSpec, CLOUDTRAIL_FIRST_DAY } from "../../src/athena/trail-table-spec.js";
import type { TrailConfig } from "../../src/aws/cloudtrail/trail-config.js";
import { planAthenaTable, planScript } from "../../src/pipeline/athena-init.js";
import { UsageError } from "../../src/usage-error.js";

const TRAIL: TrailConfig = {
  name: "audit",
  arn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit",
  account: "111122223333",
  partition: "aws",
  homeRegion: "eu-west-1",
  bucket: "acme-cloudtrail",
  keyPrefix: "prod",
  multiRegion: false,
  organization: false,
  managementEvents: { readOnly: "all", excludedSources: [] },
  dataEvents: [{ resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::acme-payments-receipts/" }],
};

const ORG_TRAIL: TrailConfig = {
  ...TRAIL,
  name: "org",
  arn: "arn:aws:cloudtrail:us-east-1:999988887777:trail/org",
  account: "999988887777",
  homeRegion: "us-east-1",
  keyPrefix: undefined,
  multiRegion: true,
  organization: true,
  dataEvents: [],
};

const CHOICES = { database: "tighten", table: "cloudtrail" };

/** The TBLPROPERTIES lines, as key -> literal. */
function properties(ddl: string): Record<string, string> {
  const block = ddl.slice(ddl.indexOf("TBLPROPERTIES ("));
  return Object.fromEntries([...block.matchAll(/^ {2}'([^']+)'=('[^']*')/gm)].map((match) => [match[1]!, match[2]!]));
}

describe("renderCloudTrailTable", () => {
  it("a single-account, single-region trail: its account, its region, its prefix", () => {
    const ddl = renderCloudTrailTable(cloudTrailTableSpec(TRAIL, CHOICES));
    expect(ddl.split("\n")[0]).toBe("CREATE EXTERNAL TABLE `tighten`.`cloudtrail` (");
    expect(ddl).toContain("PARTITIONED BY (\n  `account` STRING,\n  `region` STRING,\n  `timestamp` STRING\n)");
    expect(ddl).toContain("ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\nSTORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'");
    expect(ddl).toContain("LOCATION 's3://acme-cloudtrail/prod/AWSLogs/'\n");
    expect(properties(ddl)).toEqual({
      "projection.enabled": "'true'",
      "projection.account.type": "'enum'",
      "projection.account.values": "'111122223333'",
      "projection.region.type": "'enum'",
      "projection.region.values": "'eu-west-1'",
      "projection.timestamp.type": "'date'",
      "projection.timestamp.format": "'yyyy/MM/dd'",
      "projection.timestamp.interval": "'1'",
      "projection.timestamp.interval.unit": "'DAYS'",
      "projection.timestamp.range": "'2013/11/13,NOW'",
      "storage.location.template": "'s3://acme-cloudtrail/prod/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'",
      "tighten.trail": "'arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit'",
      "tighten.management_events": `'{"readOnly":"all","excludedSources":[]}'`,
      "tighten.data_events": `'[{"resourceType":"AWS::S3::Object","readOnly":"all","scope":"arn:aws:s3:::acme-payments-receipts/"}]'`,
    });
    expect(ddl.endsWith(")")).toBe(true);
  });

  it("the columns the engine reads are there, as the Athena User Guide names them", () => {
    const ddl = renderCloudTrailTable(cloudTrailTableSpec(TRAIL, CHOICES));
    for (const column of ["eventversion STRING", "eventtime STRING", "eventsource STRING", "eventname STRING", "awsregion STRING", "errorcode STRING", "requestparameters STRING", "additionaleventdata STRING", "readonly STRING", "recipientaccountid STRING", "eventcategory STRING", "resources ARRAY<STRUCT<"]) {
      expect(ddl).toContain(`\n  ${column}`);
    }
    expect(ddl).toMatch(/sessioncontext: STRUCT<[\s\S]*sessionissuer: STRUCT<\s+type: STRING,\s+principalid: STRING,\s+arn: STRING,/);
    expect(ddl).toMatch(/tlsdetails STRUCT<\s+tlsversion: STRING,\s+ciphersuite: STRING,\s+clientprovidedhostheader: STRING>/);
  });

  it("an organization trail: AWSLogs/o-.../ and the member accounts given, every region of a multi-region trail", () => {
    const spec = cloudTrailTableSpec(ORG_TRAIL, { ...CHOICES, accounts: ["444455556666,111122223333", "111122223333"], organizationId: "o-a1b2c3d4e5", sinceDate: "2026-01-01" });
    const ddl = renderCloudTrailTable(spec);
    expect(ddl).toContain("LOCATION 's3://acme-cloudtrail/AWSLogs/o-a1b2c3d4e5/'\n");
    const props = properties(ddl);
    expect(props["storage.location.template"]).toBe("'s3://acme-cloudtrail/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}'");
    expect(props["projection.account.values"]).toBe("'111122223333,444455556666'");
    expect(props["projection.region.values"]).toMatch(/^'af-south-1,ap-east-1,.*,eu-west-1,.*,us-east-1,us-east-2,us-west-1,us-west-2'$/);
    expect(props["projection.timestamp.range"]).toBe("'2026/01/01,NOW'");
    expect(props["tighten.data_events"]).toBe("'[]'");
  });

  it("--regions narrows a multi-region trail", () => {
    const spec = cloudTrailTableSpec({ ...TRAIL, multiRegion: true }, { ...CHOICES, regions: ["us-east-1", "eu-west-1,us-east-1"] });
    expect(spec.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(properties(renderCloudTrailTable(spec))["projection.region.values"]).toBe("'eu-west-1,us-east-1'");
  });

  it("the default first day is fixed, so the same trail always gives the same DDL", () => {
    expect(CLOUDTRAIL_FIRST_DAY).toBe("2013/11/13");
    expect(renderCloudTrailTable(cloudTrailTableSpec(TRAIL, CHOICES))).toBe(renderCloudTrailTable(cloudTrailTableSpec(TRAIL, CHOICES)));
  });
});

describe("cloudTrailTableSpec refuses, in one line, what would make a wrong or unsafe table", () => {
  const failure = (trail: TrailConfig, choices: Parameters<typeof cloudTrailTableSpec>[1]) => {
    try {
      renderCloudTrailTable(cloudTrailTableSpec(trail, choices));
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain("\n");
      return (error as Error).message;
    }
    throw new Error("expected a UsageError");
  };

  it("an organization trail without --organization-id or --accounts", () => {
    expect(failure(ORG_TRAIL, { ...CHOICES, accounts: ["111122223333"] })).toBe(
      "--trail org is an organization trail, whose logs are under AWSLogs/o-.../: pass --organization-id (aws organizations describe-organization shows it)",
    );
    expect(failure(ORG_TRAIL, { ...CHOICES, organizationId: "o-a1b2c3d4e5" })).toBe(
      "--trail org is an organization trail: pass --accounts with the member account ids whose logs the table should read (the trail's own account is 999988887777)",
    );
    expect(failure(ORG_TRAIL, { ...CHOICES, accounts: ["111122223333"], organizationId: "o-123" })).toMatch(/^--organization-id 'o-123' is not an organization id/);
  });

  it("--organization-id for a trail that is not an organization trail", () => {
    expect(failure(TRAIL, { ...CHOICES, organizationId: "o-a1b2c3d4e5" })).toMatch(/^--organization-id goes with an organization trail; trail audit is not one/);
  });

  it("a hostile bucket or prefix from the trail's description", () => {
    expect(failure({ ...TRAIL, bucket: "evil'bucket" }, CHOICES)).toMatch(/^the trail's S3 bucket 'evil'bucket' is not an S3 bucket name/);
    expect(failure({ ...TRAIL, keyPrefix: "x'),('projection.enabled'='false" }, CHOICES)).toMatch(/^the trail's S3 key prefix .* is not a key prefix tighten can put in a table location/);
    expect(failure({ ...TRAIL, keyPrefix: "logs/${account}" }, CHOICES)).toMatch(/^the trail's S3 key prefix 'logs\/\$\{account\}' is not a key prefix/);
  });

  it("bad flags, naming the flag", () => {
    expect(failure(TRAIL, { ...CHOICES, table: "cloud-trail" })).toMatch(/^--table 'cloud-trail' is not an Athena name/);
    expect(failure(TRAIL, { ...CHOICES, database: "x`; DROP" })).toMatch(/^--database /);
    expect(failure(TRAIL, { ...CHOICES, accounts: ["1111-2222-3333"] })).toMatch(/^--accounts '1111-2222-3333' is not an AWS account id/);
    expect(failure(TRAIL, { ...CHOICES, regions: ["us-east-1','x"] })).toMatch(/^--regions /);
    expect(failure(TRAIL, { ...CHOICES, sinceDate: "2026-02-30" })).toMatch(/^--since-date '2026-02-30' is not a date/);
  });

  it("a multi-region trail of a partition without a region list needs --regions", () => {
    expect(failure({ ...TRAIL, multiRegion: true, partition: "aws-iso" }, CHOICES)).toMatch(/partition aws-iso, which tighten has no region list for: pass --regions$/);
  });
});

describe("planAthenaTable", () => {
  it("creates the database if missing, then the table; --replace drops the table first", () => {
    const plan = planAthenaTable(TRAIL, CHOICES, false);
    expect(plan.statements.map((statement) => statement.label)).toEqual(["CREATE DATABASE tighten", "CREATE EXTERNAL TABLE tighten.cloudtrail"]);
    expect(plan.statements[0]!.sql).toBe(renderCreateDatabase("tighten"));
    expect(renderCreateDatabase("tighten")).toBe("CREATE DATABASE IF NOT EXISTS `tighten`");
    expect(planAthenaTable(TRAIL, CHOICES, true).statements.map((statement) => statement.sql.split("\n")[0])).toEqual([
      "CREATE DATABASE IF NOT EXISTS `tighten`",
      "DROP TABLE IF EXISTS `tighten`.`cloudtrail`",
      "CREATE EXTERNAL TABLE `tighten`.`cloudtrail` (",
    ]);
    expect(planScript(plan)).toMatch(/^CREATE DATABASE IF NOT EXISTS `tighten`;\n\nCREATE EXTERNAL TABLE [\s\S]*\n\);\n$/);
  });
});
