import { AthenaClient, GetTableMetadataCommand } from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderCloudTrailTable } from "../../../src/athena/ddl.js";
import { cloudTrailTableSpec } from "../../../src/athena/trail-table-spec.js";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { readTableDataEvents } from "../../../src/aws/athena/table-data-events.js";
import type { TrailConfig } from "../../../src/aws/cloudtrail/trail-config.js";
import { UsageError } from "../../../src/usage-error.js";

const athena = mockClient(AthenaClient);
// The next file in this worker gets the real client.
afterAll(() => {
  athena.restore();
});
let client: AthenaClient;
const NAME = { region: "eu-west-1", database: "tighten", table: "cloudtrail" };

beforeEach(() => {
  athena.reset();
  client = createAthenaClient({ region: "eu-west-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
});
afterEach(() => client.destroy());

const TRAIL: TrailConfig = {
  name: "audit",
  arn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit",
  account: "111122223333",
  partition: "aws",
  homeRegion: "eu-west-1",
  bucket: "acme-cloudtrail",
  keyPrefix: undefined,
  multiRegion: false,
  organization: false,
  managementEvents: { readOnly: "all", excludedSources: ["kms.amazonaws.com"] },
  dataEvents: [
    { resourceType: "AWS::Lambda::Function", readOnly: "write", scope: "all resources" },
    { resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::acme-payments-receipts/o'brien/" },
  ],
};

/** TBLPROPERTIES of a rendered DDL as Glue keeps them, which GetTableMetadata returns as Parameters. */
function tableParameters(ddl: string): Record<string, string> {
  const parameters: Record<string, string> = { EXTERNAL: "TRUE", transient_lastDdlTime: "1790000000" };
  for (const match of ddl.matchAll(/^ {2}'([^']+)'='([^']*)'/gm)) parameters[match[1]!] = match[2]!;
  return parameters;
}

describe("readTableDataEvents", () => {
  it("reads back what athena init wrote into the table", async () => {
    const ddl = renderCloudTrailTable(cloudTrailTableSpec(TRAIL, { database: "tighten", table: "cloudtrail" }));
    athena.on(GetTableMetadataCommand, { CatalogName: "AwsDataCatalog", DatabaseName: "tighten", TableName: "cloudtrail" }).resolves({
      TableMetadata: { Name: "cloudtrail", TableType: "EXTERNAL_TABLE", Parameters: tableParameters(ddl) },
    });
    expect(await readTableDataEvents(client, NAME)).toEqual({
      trailArn: TRAIL.arn,
      managementEvents: TRAIL.managementEvents,
      dataEvents: TRAIL.dataEvents,
    });
  });

  it("a trail that records no data events reads back as an empty list, not as unknown", async () => {
    const ddl = renderCloudTrailTable(cloudTrailTableSpec({ ...TRAIL, dataEvents: [] }, { database: "tighten", table: "cloudtrail" }));
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: tableParameters(ddl) } });
    expect((await readTableDataEvents(client, NAME)).dataEvents).toEqual([]);
  });

  it("a table tighten did not make: nothing recorded, which is not an error", async () => {
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: { EXTERNAL: "TRUE", "projection.enabled": "true" } } });
    expect(await readTableDataEvents(client, NAME)).toEqual({ trailArn: undefined, managementEvents: undefined, dataEvents: undefined });
  });

  it("passes the workgroup and catalog when given", async () => {
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail" } });
    await readTableDataEvents(client, { ...NAME, catalog: "other", workgroup: "analytics" });
    expect(athena.commandCalls(GetTableMetadataCommand)[0]!.args[0].input).toEqual({ CatalogName: "other", DatabaseName: "tighten", TableName: "cloudtrail", WorkGroup: "analytics" });
  });

  it("an unknown table, a property edited by hand, a denied call: one-line usage errors naming the table", async () => {
    athena.on(GetTableMetadataCommand).rejects(
      Object.assign(new Error("Table cloudtrail not found in database tighten"), { name: "MetadataException", $fault: "client", $metadata: { httpStatusCode: 400 } }),
    );
    const missing = readTableDataEvents(client, NAME);
    await expect(missing).rejects.toBeInstanceOf(UsageError);
    await expect(missing).rejects.toThrow("--table tighten.cloudtrail: Athena has no such table (Table cloudtrail not found in database tighten); create it with tighten athena init");

    athena.reset();
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: { "tighten.data_events": '[{"resourceType":"AWS::S3::Object"}]' } } });
    await expect(readTableDataEvents(client, NAME)).rejects.toThrow(
      "--table tighten.cloudtrail: table property tighten.data_events is not as tighten athena init wrote it (tighten.data_events[0] is not {resourceType, readOnly: all|read|write, scope}); run tighten athena init again",
    );

    athena.reset();
    athena.on(GetTableMetadataCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 403 } }));
    await expect(readTableDataEvents(client, NAME)).rejects.toThrow(/^--table tighten.cloudtrail: Athena GetTableMetadata in eu-west-1 was denied: tighten needs athena:GetTableMetadata/);
  });
});
