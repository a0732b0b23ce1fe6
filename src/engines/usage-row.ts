/** One entry of a CloudTrail event's `resources[]`. */
export interface ResourceRef {
  readonly arn: string;
  readonly type: string | null; // "AWS::S3::Bucket", "AWS::KMS::Key", ...
  readonly accountId: string | null; // the resource owner's account, when CloudTrail says
}

/**
 * High-cardinality names (S3 object keys, log stream names) reduced inside the engine so that
 * row counts stay bounded: every distinct key under `scope` (the key's first path segment, "" for
 * keys without "/") collapses into one row.
 */
export interface ObjectKeys {
  readonly scope: string;
  readonly distinct: number; // exact number of distinct keys under scope
  readonly sample: readonly string[]; // the smallest keys, sorted; complete when sample.length === distinct
  readonly min: string; // smallest and largest key: their common prefix is the common prefix of all
  readonly max: string;
}

/** One aggregated engine row: a distinct (principal, call, resource) with its evidence. */
export interface UsageRow {
  readonly principal: string; // role ARN with path (sessionIssuer), else userIdentity.arn or the invoking service
  readonly principalType: string; // userIdentity.type: AssumedRole, IAMUser, AWSService, Unknown, ...
  readonly eventSource: string; // "s3.amazonaws.com"
  readonly eventName: string; // "GetObject"
  readonly region: string; // awsRegion
  readonly account: string; // recipientAccountId
  readonly errorCode: string | null;
  readonly invokedBy: string | null; // the AWS service that made the call on the principal's behalf
  readonly resources: readonly ResourceRef[]; // resources[] without the per-object entries (see objectKeys)
  /**
   * The request parameters that name resources, by top-level name: a string, or a list of strings
   * for the names ParameterSelection.lists declares. Absent ones are left out.
   */
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
  readonly objectKeys: ObjectKeys | null;
  readonly count: number;
  readonly firstSeen: string; // ISO 8601, UTC, second precision
  readonly lastSeen: string;
}

/**
 * What the engine extracts from requestParameters, per eventSource: the mapping owns this table
 * (mapping/request-parameters.ts) because it knows which parameters name resources; engines only
 * apply it.
 */
export interface ParameterSelection {
  /** eventSource -> top-level requestParameters names kept for grouping. */
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  /** eventSource -> the one high-cardinality parameter reduced to ObjectKeys ("key" for S3). */
  readonly objectKey: Readonly<Record<string, string>>;
  /** Names whose value is a list of strings (SSM `names`); every other value is one string. */
  readonly lists: readonly string[];
  /**
   * Names whose value is an object path, kept only up to its last "/" (S3 `x-amz-copy-source`
   * "srcbucket/in/2026/x.csv?versionId=v" -> "srcbucket/in/2026/"): enough to name the folder,
   * bounded enough to group by.
   */
  readonly folders: readonly string[];
}
