import type { DataEventSelection, ManagementEventSelection } from "../aws/cloudtrail/trail-config.js";
import { fillTemplate, readTemplate } from "../templates.js";
import { accountId, organizationId, projectionDay, regionName, s3BucketName, s3KeyPrefix, sqlIdentifier, sqlStringLiteral } from "./ddl-values.js";
import { encodeDataEvents, encodeManagementEvents } from "./trail-table-properties.js";

/** Everything the CloudTrail table's DDL says, after the choices of trail-table-spec.ts. */
export interface CloudTrailTableSpec {
  readonly database: string;
  readonly table: string;
  readonly trailArn: string;
  readonly bucket: string;
  readonly keyPrefix: string | undefined;
  /** Set for an organization trail, whose logs are under AWSLogs/o-.../. */
  readonly organizationId: string | undefined;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** The first day partition projection knows, yyyy/MM/dd. */
  readonly firstDay: string;
  readonly managementEvents: ManagementEventSelection;
  readonly dataEvents: readonly DataEventSelection[];
}

export interface LogLocation {
  /** The table's LOCATION: the AWSLogs folder of the trail (and organization). */
  readonly location: string;
  /** storage.location.template: where partition projection finds one account, region and day. */
  readonly template: string;
}

/**
 * Where CloudTrail delivers: s3://BUCKET/[PREFIX/]AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/
 * (CloudTrail User Guide, "Finding your CloudTrail log files"; organization trails add the
 * organization id). The prefix is kept as configured: CloudTrail joins it with "/" as it is.
 */
export function logLocation(spec: Pick<CloudTrailTableSpec, "bucket" | "keyPrefix" | "organizationId">): LogLocation {
  const bucket = s3BucketName(spec.bucket, "the trail's S3 bucket");
  const prefix = spec.keyPrefix === undefined ? "" : `${s3KeyPrefix(spec.keyPrefix, "the trail's S3 key prefix")}/`;
  const organization = spec.organizationId === undefined ? "" : `${organizationId(spec.organizationId, "--organization-id")}/`;
  const location = `s3://${bucket}/${prefix}AWSLogs/${organization}`;
  return { location, template: `${location}\${account}/CloudTrail/\${region}/\${timestamp}` };
}

/** CREATE DATABASE for the table's database; IF NOT EXISTS, as the database may hold other tables. */
export function renderCreateDatabase(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(database, "--database")}`;
}

/**
 * The CREATE EXTERNAL TABLE statement: templates/athena/cloudtrail-table.sql, the table of the
 * Athena User Guide ("Create the table for CloudTrail logs in Athena using partition projection")
 * partitioned by account, region and day instead of by day alone, so one table covers every
 * account and region of a multi-region or organization trail.
 */
export function renderCloudTrailTable(spec: CloudTrailTableSpec): string {
  const { location, template } = logLocation(spec);
  if (spec.accounts.length === 0) throw new Error("a CloudTrail table needs at least one account");
  if (spec.regions.length === 0) throw new Error("a CloudTrail table needs at least one region");
  const accounts = spec.accounts.map((account) => accountId(account, "--accounts"));
  const regions = spec.regions.map((region) => regionName(region, "--regions"));
  return fillTemplate(readTemplate("athena/cloudtrail-table.sql"), {
    table: `${sqlIdentifier(spec.database, "--database")}.${sqlIdentifier(spec.table, "--table")}`,
    location: sqlStringLiteral(location, "the table location"),
    // Enum projection values are comma-separated (Athena User Guide, "Enum type").
    account_values: sqlStringLiteral(accounts.join(","), "--accounts"),
    region_values: sqlStringLiteral(regions.join(","), "--regions"),
    timestamp_range: sqlStringLiteral(`${projectionDay(spec.firstDay, "--since-date")},NOW`, "--since-date"),
    location_template: sqlStringLiteral(template, "the table location"),
    trail_arn: sqlStringLiteral(spec.trailArn, "the trail ARN"),
    management_events: sqlStringLiteral(encodeManagementEvents(spec.managementEvents), "the trail's management event selectors"),
    data_events: sqlStringLiteral(encodeDataEvents(spec.dataEvents), "the trail's data event selectors"),
  }).trimEnd();
}
