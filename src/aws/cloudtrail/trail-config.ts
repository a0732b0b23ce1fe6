/** Which calls of a kind a trail records: CloudTrail's ReadWriteType, or the readOnly field of an advanced selector. */
export type ReadWrite = "all" | "read" | "write";

/** One kind of data event a trail records (CloudTrail User Guide, "Logging data events"). */
export interface DataEventSelection {
  /** CloudTrail's resource type: "AWS::S3::Object", "AWS::Lambda::Function". */
  readonly resourceType: string;
  readonly readOnly: ReadWrite;
  /**
   * Which resources: "all resources", an ARN or ARN prefix as the selector names it
   * ("arn:aws:s3:::bucket/"), followed by " where ..." with the selector's other conditions.
   */
  readonly scope: string;
}

/** The management events a trail records: the calls most roles make (CloudTrail User Guide, "Logging management events"). */
export interface ManagementEventSelection {
  readonly readOnly: ReadWrite | "none";
  /** Event sources left out (ExcludeManagementEventSources, or eventSource NotEquals): kms.amazonaws.com, rdsdata.amazonaws.com. */
  readonly excludedSources: readonly string[];
}

/** What `tighten athena init` needs to know about a trail: where it writes, and what it records. */
export interface TrailConfig {
  readonly name: string;
  readonly arn: string;
  /** The account that owns the trail, from its ARN (for an organization trail, the management or delegated admin account). */
  readonly account: string;
  readonly partition: string;
  readonly homeRegion: string;
  readonly bucket: string;
  /** S3KeyPrefix as configured, undefined when the trail has none. */
  readonly keyPrefix: string | undefined;
  readonly multiRegion: boolean;
  readonly organization: boolean;
  readonly managementEvents: ManagementEventSelection;
  /** Sorted by resource type, then scope. Empty when the trail records no data events. */
  readonly dataEvents: readonly DataEventSelection[];
}

/** "all resources" as a scope: a selector value or ARN condition that names no particular resource. */
export const ALL_RESOURCES = "all resources";
