import { CreateTrailCommand, PutEventSelectorsCommand, type CloudTrailClient, type CreateTrailCommandInput, type PutEventSelectorsCommandInput } from "@aws-sdk/client-cloudtrail";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderCloudTrailTable } from "../../../src/athena/ddl.js";
import { cloudTrailTableSpec } from "../../../src/athena/trail-table-spec.js";
import { readTrailConfig } from "../../../src/aws/cloudtrail/read-trail.js";
import { regionsOfPartition } from "../../../src/aws/partition-regions.js";
import { UsageError } from "../../../src/usage-error.js";
import { MOTO_ACCOUNT, startMoto, type Moto } from "../../support/moto.js";

const BUCKET = "acme-cloudtrail";

let moto: Moto;
let clients: Map<string, CloudTrailClient>;
/** Every command readTrailConfig sent, as "region Command". */
let sent: string[];

beforeAll(async () => {
  moto = await startMoto();
}, 60_000);
afterAll(() => moto?.stop());
beforeEach(async () => {
  await moto.reset();
  await moto.createBucket(BUCKET);
  clients = new Map();
  sent = [];
});
afterEach(() => {
  for (const client of clients.values()) client.destroy();
});

/** The clientFor readTrailConfig gets: moto clients that record what they send. */
function clientFor(region: string): CloudTrailClient {
  let client = clients.get(region);
  if (client === undefined) {
    client = moto.cloudTrailClient(region);
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(`${region} ${context.commandName ?? "?"}`);
        return next(args);
      },
      { step: "initialize", name: "recordCommands" },
    );
    clients.set(region, client);
  }
  return client;
}

/** Trails are set up with clients of their own, so `sent` holds only what readTrailConfig sent. */
async function createTrail(region: string, input: Omit<CreateTrailCommandInput, "S3BucketName">, selectors?: Omit<PutEventSelectorsCommandInput, "TrailName">): Promise<void> {
  const client = moto.cloudTrailClient(region);
  try {
    await client.send(new CreateTrailCommand({ S3BucketName: BUCKET, ...input }));
    if (selectors !== undefined) await client.send(new PutEventSelectorsCommand({ TrailName: input.Name, ...selectors }));
  } finally {
    client.destroy();
  }
}

const trailArn = (region: string, name: string) => `arn:aws:cloudtrail:${region}:${MOTO_ACCOUNT}:trail/${name}`;

/** The TBLPROPERTIES lines, as key -> literal. */
function properties(ddl: string): Record<string, string> {
  return Object.fromEntries([...ddl.matchAll(/^ {2}'([^']+)'=('[^']*')/gm)].map((match) => [match[1]!, match[2]!]));
}

describe("readTrailConfig against moto", () => {
  it("a single-region trail with a key prefix and basic data event selectors", async () => {
    await createTrail(
      "eu-west-1",
      { Name: "audit", S3KeyPrefix: "prod/trail" },
      {
        EventSelectors: [
          { ReadWriteType: "ReadOnly", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::acme-payments-receipts/"] }] },
          { ReadWriteType: "All", IncludeManagementEvents: false, DataResources: [{ Type: "AWS::Lambda::Function", Values: ["arn:aws:lambda"] }] },
        ],
      },
    );
    const trail = await readTrailConfig(clientFor, "eu-west-1", "audit");
    expect(trail).toEqual({
      name: "audit",
      arn: trailArn("eu-west-1", "audit"),
      account: MOTO_ACCOUNT,
      partition: "aws",
      homeRegion: "eu-west-1",
      bucket: BUCKET,
      keyPrefix: "prod/trail",
      multiRegion: false,
      organization: false,
      managementEvents: { readOnly: "read", excludedSources: [] },
      dataEvents: [
        { resourceType: "AWS::Lambda::Function", readOnly: "all", scope: "all resources" },
        { resourceType: "AWS::S3::Object", readOnly: "read", scope: "arn:aws:s3:::acme-payments-receipts/" },
      ],
    });
    expect(sent).toEqual(["eu-west-1 DescribeTrailsCommand", "eu-west-1 GetEventSelectorsCommand"]);

    const ddl = renderCloudTrailTable(cloudTrailTableSpec(trail, { database: "tighten", table: "cloudtrail" }));
    expect(ddl).toContain("\nLOCATION 's3://acme-cloudtrail/prod/trail/AWSLogs/'\n");
    expect(properties(ddl)).toMatchObject({
      "projection.account.values": `'${MOTO_ACCOUNT}'`,
      "projection.region.values": "'eu-west-1'",
      "storage.location.template": "'s3://acme-cloudtrail/prod/trail/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'",
      "tighten.management_events": `'{"readOnly":"read","excludedSources":[]}'`,
      "tighten.data_events":
        `'[{"resourceType":"AWS::Lambda::Function","readOnly":"all","scope":"all resources"},` +
        `{"resourceType":"AWS::S3::Object","readOnly":"read","scope":"arn:aws:s3:::acme-payments-receipts/"}]'`,
    });
  });

  it("a multi-region trail seen from another region: found as a shadow trail, its selectors read in its home region", async () => {
    await createTrail(
      "us-east-1",
      { Name: "everywhere", IsMultiRegionTrail: true },
      {
        AdvancedEventSelectors: [
          { Name: "management", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
          {
            Name: "receipts",
            FieldSelectors: [
              { Field: "eventCategory", Equals: ["Data"] },
              { Field: "resources.type", Equals: ["AWS::S3::Object"] },
              { Field: "resources.ARN", StartsWith: ["arn:aws:s3:::acme-payments-receipts/"] },
            ],
          },
          {
            Name: "tables",
            FieldSelectors: [
              { Field: "eventCategory", Equals: ["Data"] },
              { Field: "resources.type", Equals: ["AWS::DynamoDB::Table"] },
              { Field: "readOnly", Equals: ["false"] },
            ],
          },
        ],
      },
    );
    const trail = await readTrailConfig(clientFor, "ap-southeast-2", "everywhere");
    expect(trail).toMatchObject({ arn: trailArn("us-east-1", "everywhere"), homeRegion: "us-east-1", multiRegion: true, keyPrefix: undefined });
    expect(trail.managementEvents).toEqual({ readOnly: "all", excludedSources: [] });
    expect(trail.dataEvents).toEqual([
      { resourceType: "AWS::DynamoDB::Table", readOnly: "write", scope: "all resources" },
      { resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::acme-payments-receipts/" },
    ]);
    // A name in trailNameList matches trails of the region only, so the shadow trail is found in the full listing.
    expect(sent).toEqual(["ap-southeast-2 DescribeTrailsCommand", "ap-southeast-2 DescribeTrailsCommand", "us-east-1 GetEventSelectorsCommand"]);

    const props = properties(renderCloudTrailTable(cloudTrailTableSpec(trail, { database: "tighten", table: "cloudtrail" })));
    expect(props["projection.region.values"]).toBe(`'${regionsOfPartition("aws")!.join(",")}'`);
    expect(props["storage.location.template"]).toBe("'s3://acme-cloudtrail/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'");
    expect(props["tighten.data_events"]).toBe(
      `'[{"resourceType":"AWS::DynamoDB::Table","readOnly":"write","scope":"all resources"},` +
        `{"resourceType":"AWS::S3::Object","readOnly":"all","scope":"arn:aws:s3:::acme-payments-receipts/"}]'`,
    );
  });

  it("a trail by ARN, in one DescribeTrails call", async () => {
    await createTrail("us-east-1", { Name: "everywhere", IsMultiRegionTrail: true });
    const trail = await readTrailConfig(clientFor, "eu-west-1", trailArn("us-east-1", "everywhere"));
    expect(trail.name).toBe("everywhere");
    // moto gives a new trail no selector; AWS gives it the default one, which says the same.
    expect(trail.managementEvents).toEqual({ readOnly: "all", excludedSources: [] });
    expect(trail.dataEvents).toEqual([]);
    expect(sent).toEqual(["eu-west-1 DescribeTrailsCommand", "us-east-1 GetEventSelectorsCommand"]);
  });

  it("an organization trail: its own account, and a table that needs --organization-id and --accounts", async () => {
    await createTrail("us-east-1", { Name: "org", IsMultiRegionTrail: true, IsOrganizationTrail: true, S3KeyPrefix: "org" });
    const trail = await readTrailConfig(clientFor, "us-east-1", "org");
    expect(trail).toMatchObject({ organization: true, multiRegion: true, account: MOTO_ACCOUNT });
    expect(() => cloudTrailTableSpec(trail, { database: "tighten", table: "cloudtrail", accounts: [MOTO_ACCOUNT] })).toThrow(/pass --organization-id/);
    const ddl = renderCloudTrailTable(
      cloudTrailTableSpec(trail, { database: "tighten", table: "cloudtrail", accounts: ["111122223333", MOTO_ACCOUNT], organizationId: "o-a1b2c3d4e5", regions: ["us-east-1"] }),
    );
    expect(ddl).toContain("\nLOCATION 's3://acme-cloudtrail/org/AWSLogs/o-a1b2c3d4e5/'\n");
    expect(properties(ddl)).toMatchObject({
      "projection.account.values": `'111122223333,${MOTO_ACCOUNT}'`,
      "projection.region.values": "'us-east-1'",
      "storage.location.template": "'s3://acme-cloudtrail/org/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}'",
      "tighten.data_events": "'[]'",
    });
  });

  it("a name means the region's own trail first, and is ambiguous only among other regions' trails", async () => {
    await createTrail("eu-west-1", { Name: "main" });
    await createTrail("us-east-1", { Name: "main", IsMultiRegionTrail: true });
    await createTrail("us-west-2", { Name: "main", IsMultiRegionTrail: true });
    expect((await readTrailConfig(clientFor, "eu-west-1", "main")).arn).toBe(trailArn("eu-west-1", "main"));
    expect((await readTrailConfig(clientFor, "us-east-1", "main")).arn).toBe(trailArn("us-east-1", "main"));
    await expect(readTrailConfig(clientFor, "ap-south-1", "main")).rejects.toThrow(
      `--trail main: 2 trails have that name (${trailArn("us-east-1", "main")}, ${trailArn("us-west-2", "main")}); pass the ARN of the one to use`,
    );
  });

  it("an unknown trail is a usage error naming it and the region", async () => {
    await createTrail("us-east-1", { Name: "audit" });
    const failure = readTrailConfig(clientFor, "us-east-1", "audti");
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(
      "--trail audti: no such trail in us-east-1 (CloudTrail DescribeTrails, shadow trails included); pass the trail's ARN, or --region with a region the trail logs",
    );
  });

  it("sends only DescribeTrails and GetEventSelectors", async () => {
    await createTrail("us-east-1", { Name: "everywhere", IsMultiRegionTrail: true }, { EventSelectors: [{ ReadWriteType: "All" }] });
    await readTrailConfig(clientFor, "eu-central-1", "everywhere");
    expect(new Set(sent.map((entry) => entry.split(" ")[1]))).toEqual(new Set(["DescribeTrailsCommand", "GetEventSelectorsCommand"]));
  });
});
