import { DescribeTrailsCommand, GetEventSelectorsCommand, type CloudTrailClient, type Trail } from "@aws-sdk/client-cloudtrail";
import { UsageError } from "../../usage-error.js";
import { callCloudTrail, trailNotFoundMessage } from "./cloudtrail-errors.js";
import { recordedEvents } from "./event-selectors.js";
import type { TrailConfig } from "./trail-config.js";

/** CloudTrail clients by region: the trail is looked up in one, its selectors read in its home region. */
export type CloudTrailClientFor = (region: string) => CloudTrailClient;

/**
 * The trail named `trail` (a name or a trail ARN) as seen from `region`, and what it records.
 * Read-only: DescribeTrails, then GetEventSelectors in the trail's home region.
 */
export async function readTrailConfig(clientFor: CloudTrailClientFor, region: string, trail: string): Promise<TrailConfig> {
  const found = await findTrail(clientFor(region), region, trail);
  const arn = required(found.TrailARN, "TrailARN", trail);
  const parsed = parseTrailArn(arn);
  const homeRegion = found.HomeRegion ?? parsed.region;
  // GetEventSelectors answers for trails of its own region only; a shadow trail (a multi-region or
  // organization trail seen from another region) is asked for by ARN in its home region.
  const selectors = await callCloudTrail("GetEventSelectors", trail, homeRegion, () =>
    clientFor(homeRegion).send(new GetEventSelectorsCommand({ TrailName: arn })),
  );
  const events = recordedEvents(selectors.EventSelectors, selectors.AdvancedEventSelectors);
  const keyPrefix = found.S3KeyPrefix;
  return {
    name: required(found.Name, "Name", trail),
    arn,
    account: parsed.account,
    partition: parsed.partition,
    homeRegion,
    bucket: required(found.S3BucketName, "S3BucketName", trail),
    keyPrefix: keyPrefix === undefined || keyPrefix === "" ? undefined : keyPrefix,
    multiRegion: found.IsMultiRegionTrail ?? false,
    organization: found.IsOrganizationTrail ?? false,
    managementEvents: events.managementEvents,
    dataEvents: events.dataEvents,
  };
}

/**
 * DescribeTrails with trailNameList finds a trail of the region by name, and any trail by ARN
 * (API reference, DescribeTrails "trailNameList"); a shadow trail asked for by name is found only
 * in the full listing, where two trails of other regions or accounts may share the name.
 */
async function findTrail(client: CloudTrailClient, region: string, trail: string): Promise<Trail> {
  const describe = (trailNameList: string[] | undefined) =>
    callCloudTrail("DescribeTrails", trail, region, async () => {
      try {
        const answer = await client.send(new DescribeTrailsCommand({ ...(trailNameList !== undefined ? { trailNameList } : {}), includeShadowTrails: true }));
        return answer.trailList ?? [];
      } catch (error) {
        // DescribeTrails documents an empty list for an unknown name; should it answer
        // TrailNotFoundException instead, that means the same and gets the same message.
        if ((error as Error).name === "TrailNotFoundException") return [];
        throw error;
      }
    });
  const isArn = trail.startsWith("arn:");
  // A name in trailNameList matches trails of the region only. moto ignores trailNameList and
  // answers with every trail it would list, so the same rule is applied here to either answer.
  const named = (candidate: Trail) => candidate.Name === trail;
  const ofRegion = (candidate: Trail) => (candidate.HomeRegion ?? region) === region;
  let matches = (await describe([trail])).filter((candidate) => candidate.TrailARN === trail || (!isArn && named(candidate) && ofRegion(candidate)));
  if (matches.length === 0 && !isArn) matches = (await describe(undefined)).filter(named);
  const byArn = new Map(matches.map((candidate) => [candidate.TrailARN ?? "", candidate]));
  if (byArn.size === 0) throw new UsageError(trailNotFoundMessage(trail, region, "DescribeTrails"));
  if (byArn.size > 1) {
    throw new UsageError(`--trail ${trail}: ${byArn.size} trails have that name (${[...byArn.keys()].sort().join(", ")}); pass the ARN of the one to use`);
  }
  return [...byArn.values()][0]!;
}

interface TrailArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME (Service Authorization Reference, AWS CloudTrail resource types). */
export function parseTrailArn(arn: string): TrailArn {
  const match = /^arn:([a-z-]+):cloudtrail:([a-z0-9-]+):(\d{12}):trail\/.+$/.exec(arn);
  if (match === null) throw new Error(`CloudTrail returned a trail ARN tighten cannot read: ${arn}`);
  return { partition: match[1]!, region: match[2]!, account: match[3]! };
}

function required(value: string | undefined, field: string, trail: string): string {
  if (value === undefined || value === "") throw new Error(`CloudTrail DescribeTrails returned trail ${trail} without ${field}`);
  return value;
}
