/** One entry of a CloudTrail event's `resources[]`. */
export interface ResourceRef {
  readonly arn: string;
  readonly type: string | null; // "AWS::S3::Bucket", "AWS::KMS::Key", ...
  readonly accountId: string | null; // the resource owner's account, when CloudTrail says
}

/**
 * The names of one shape a call used (S3 object keys, log stream names): every distinct name with
 * the same mask (mapping/name-tokens.ts nameMask) folds into one entry inside the engine, so that a
 * bucket of a million uploads is one `uploads/{#}/original.jpg`, not a million rows.
 */
export interface KeyShape {
  /**
   * The names' mask, `uploads/{#}/original.jpg`; a name without a token that may vary is its own
   * mask. null: names past the engine's bound of masks per call, folded by first path segment.
   */
  readonly template: string | null;
  readonly names: number; // exact number of distinct names
  readonly calls: number;
  readonly firstSeen: string; // first and last use of any of its names
  readonly lastSeen: string;
  readonly min: string; // smallest and largest name: their common prefix is the common prefix of all
  readonly max: string;
  readonly sample: readonly string[]; // the smallest names, sorted; complete when sample.length === names
}

/** The names a call used, by shape. */
export interface ObjectKeys {
  readonly distinct: number; // exact number of distinct names, all shapes together
  /** Every name is an entry of its own (NameReduction "exact"); else they are folded by shape. */
  readonly exact: boolean;
  readonly shapes: readonly KeyShape[];
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
   * for the names ParameterSelection.lists and .nested declare; the request features of
   * ParameterSelection.flags as "true". Absent ones are left out.
   */
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
  readonly objectKeys: ObjectKeys | null;
  readonly count: number;
  readonly firstSeen: string; // ISO 8601, UTC, second precision
  readonly lastSeen: string;
  /**
   * One of its events for a reviewer to look up: the smallest eventID, ordered by code point as both
   * engines' min() orders text. Absent when none of its events has one. Log text: escape it.
   */
  readonly eventId?: string;
}

/**
 * What the engine extracts from requestParameters, per eventSource: the mapping owns this table
 * (mapping/request-parameters.ts) because it knows which parameters name resources; engines only
 * apply it.
 */
export interface ParameterSelection {
  /** eventSource -> top-level requestParameters names kept for grouping. */
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  /** eventSource -> the one high-cardinality parameter reduced to ObjectKeys by shape ("key" for S3). */
  readonly objectKey: Readonly<Record<string, string>>;
  /**
   * eventSource -> the resources[] type whose ARN gives the object key when the request names none
   * ("AWS::S3::Object": `arn:aws:s3:::bucket/KEY`), for calls CloudTrail logs with the object only there.
   */
  readonly objectKeyResources?: Readonly<Record<string, string>>;
  /** Names whose value is a list of strings (SSM `names`); every other value is one string. */
  readonly lists: readonly string[];
  /**
   * Names whose value is an object path, kept only up to its last "/" (S3 `x-amz-copy-source`
   * "srcbucket/in/2026/x.csv?versionId=v" -> "srcbucket/in/2026/"): enough to name the folder,
   * bounded enough to group by.
   */
  readonly folders: readonly string[];
  /**
   * Names whose value is an ARN of a per-request resource, kept only up to its last ":" (Step
   * Functions `executionArn` "arn:...:execution:MACHINE:run-42" -> "arn:...:execution:MACHINE:"):
   * the parent that names it, bounded enough to group by.
   */
  readonly arnPrefixes: readonly string[];
  /**
   * Request features: selected names (by convention "has:...") that stand for whether a request
   * parameter is present (and, with `matches`, whether its text matches the regular expression),
   * kept as "true" or absent. A version id is one value per object version; whether there is one is
   * what decides the action (s3:GetObjectVersion), and that is one bit.
   */
  readonly flags?: Readonly<Record<string, RequestFlag>>;
  /**
   * Selected names that stand for values inside a list of objects (EventBridge `entries[].eventBusName`),
   * kept as the sorted distinct values, at most NESTED_VALUES_BOUND of them; an element without the
   * member gives "" (for PutEvents: the default bus).
   */
  readonly nested?: Readonly<Record<string, NestedValues>>;
}

/** See ParameterSelection.flags. */
export interface RequestFlag {
  readonly parameter: string;
  /** A regular expression (RE2 and JavaScript alike) the value must match; any non-empty value otherwise. */
  readonly matches?: string;
}

/** See ParameterSelection.nested. */
export interface NestedValues {
  /** The list, a top-level request parameter; absent: the request itself is the one element. */
  readonly list?: string;
  /** The member read from each element, or from the body an element wraps in one of `wrappers`. */
  readonly field: string;
  /** Members an element may wrap its body in (`{"put": {"tableName": ...}}`); the one present is its kind. */
  readonly wrappers?: readonly string[];
  /**
   * Each value prefixed by its element's kind and ":" ("Put:orders"): the element's `label` member
   * when it has one, else the wrapper it uses.
   */
  readonly label?: string;
  /** Each value reduced to its capture groups (StatementReduction), so that it is a name, not a text. */
  readonly reduce?: StatementReduction;
}

/**
 * A text reduced to names by one regular expression: each output part is the concatenation of the
 * listed groups (a group that took no part is ""), parts joined by " "; a text that does not match
 * becomes UNREAD_TEXT. The pattern is in the subset RE2 (DuckDB), Java (Athena) and JavaScript read alike:
 * no inline flags, no escapes (case and whitespace spelled as character classes), no lookaround.
 */
/** What a text StatementReduction cannot read becomes: no name, and no "?", which Athena's query text keeps for parameters. */
export const UNREAD_TEXT = "(unread)";

export interface StatementReduction {
  readonly pattern: string;
  readonly output: readonly (readonly number[])[];
}

/**
 * At most this many distinct values of one nested name per call. Every list the mapping selects is
 * shorter by API limit (PutEvents 10 entries, StartQuery 50 log groups, TransactWriteItems and
 * ExecuteTransaction 100 items, BatchExecuteStatement 25 statements), so the bound never cuts a real
 * request; it keeps a malformed or future one from making a row of unbounded size.
 */
export const NESTED_VALUES_BOUND = 100;
