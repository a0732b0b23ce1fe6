import { regionsOfPartition } from "../aws/partition-regions.js";
import type { TrailConfig } from "../aws/cloudtrail/trail-config.js";
import { UsageError } from "../usage-error.js";
import type { CloudTrailTableSpec } from "./ddl.js";
import { accountId, organizationId, projectionDay, regionName, sqlIdentifier } from "./ddl-values.js";

/** What the user chose on the command line; undefined means "tighten decides". */
export interface TableChoices {
  readonly database: string;
  readonly table: string;
  readonly accounts?: readonly string[] | undefined;
  readonly regions?: readonly string[] | undefined;
  readonly organizationId?: string | undefined;
  /** YYYY-MM-DD: the first day of logs the table projects. */
  readonly sinceDate?: string | undefined;
}

/**
 * The default first day of partition projection: the day CloudTrail became available (AWS News
 * Blog, 2013-11-13), so the default table covers every log a bucket can hold and the same trail
 * always gives the same DDL. Projection costs nothing for days without logs as long as queries
 * bound `timestamp`, which tighten's do; --since-date narrows it.
 */
export const CLOUDTRAIL_FIRST_DAY = "2013/11/13";

/**
 * The table for `trail`: which accounts, regions and days it projects, and where their logs are.
 * An organization trail writes under AWSLogs/o-ORG/ACCOUNT/ for every member account, and neither
 * the organization id nor the member list is in the trail's description, so both must be given.
 */
export function cloudTrailTableSpec(trail: TrailConfig, choices: TableChoices): CloudTrailTableSpec {
  sqlIdentifier(choices.database, "--database");
  sqlIdentifier(choices.table, "--table");
  const accounts = chooseAccounts(trail, choices.accounts);
  const regions = chooseRegions(trail, choices.regions);
  const organization = chooseOrganization(trail, choices.organizationId);
  return {
    database: choices.database,
    table: choices.table,
    trailArn: trail.arn,
    bucket: trail.bucket,
    keyPrefix: trail.keyPrefix,
    organizationId: organization,
    accounts,
    regions,
    firstDay: choices.sinceDate === undefined ? CLOUDTRAIL_FIRST_DAY : projectionDay(choices.sinceDate, "--since-date"),
    managementEvents: trail.managementEvents,
    dataEvents: trail.dataEvents,
  };
}

function chooseAccounts(trail: TrailConfig, given: readonly string[] | undefined): string[] {
  const values = splitList(given);
  if (values.length === 0) {
    if (trail.organization) {
      throw new UsageError(
        `--trail ${trail.name} is an organization trail: pass --accounts with the member account ids whose logs the table should read (the trail's own account is ${trail.account})`,
      );
    }
    return [trail.account];
  }
  return sortedUnique(values.map((value) => accountId(value, "--accounts")));
}

function chooseRegions(trail: TrailConfig, given: readonly string[] | undefined): string[] {
  const values = splitList(given);
  if (values.length > 0) return sortedUnique(values.map((value) => regionName(value, "--regions")));
  if (!trail.multiRegion) return [trail.homeRegion];
  const all = regionsOfPartition(trail.partition);
  if (all === undefined) throw new UsageError(`--trail ${trail.name} logs every region of partition ${trail.partition}, which tighten has no region list for: pass --regions`);
  return [...all];
}

function chooseOrganization(trail: TrailConfig, given: string | undefined): string | undefined {
  if (!trail.organization) {
    if (given !== undefined) throw new UsageError(`--organization-id goes with an organization trail; trail ${trail.name} is not one (its logs are under AWSLogs/ACCOUNT/)`);
    return undefined;
  }
  if (given === undefined) {
    throw new UsageError(
      `--trail ${trail.name} is an organization trail, whose logs are under AWSLogs/o-.../: pass --organization-id (aws organizations describe-organization shows it)`,
    );
  }
  return organizationId(given, "--organization-id");
}

/** Repeated flags and comma-separated lists both work: --regions us-east-1,eu-west-1. */
function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "");
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
