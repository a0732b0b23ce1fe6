import type { RequestFlag, UsageRow } from "../engines/usage-row.js";

/**
 * Request features that change what a call needs: one bit each, read by the engine from a request
 * parameter whose value is unbounded (a version id) or irrelevant (which canned ACL), kept in the
 * usage row as `parameters[flag] === "true"` (ParameterSelection.flags).
 */
export const REQUEST_FLAGS: Readonly<Record<string, RequestFlag>> = {
  "has:versionId": { parameter: "versionId" },
  "has:x-amz-acl": { parameter: "x-amz-acl" },
  "has:x-amz-grant-full-control": { parameter: "x-amz-grant-full-control" },
  "has:x-amz-grant-read": { parameter: "x-amz-grant-read" },
  "has:x-amz-grant-read-acp": { parameter: "x-amz-grant-read-acp" },
  "has:x-amz-grant-write-acp": { parameter: "x-amz-grant-write-acp" },
  "has:x-amz-tagging": { parameter: "x-amz-tagging" },
  "has:x-amz-object-lock-mode": { parameter: "x-amz-object-lock-mode" },
  "has:x-amz-object-lock-retain-until-date": { parameter: "x-amz-object-lock-retain-until-date" },
  "has:x-amz-object-lock-legal-hold": { parameter: "x-amz-object-lock-legal-hold" },
  // The header is a boolean: "false" asks for nothing.
  "has:x-amz-bypass-governance-retention": { parameter: "x-amz-bypass-governance-retention", matches: "^[Tt][Rr][Uu][Ee]$" },
  // CopyObject / UploadPartCopy of one version of the source: S3 reads `?versionId=` in the copy-source header.
  // Spelled without "?", which Athena's query text keeps for its parameters: [>-@] is ">", "?" or "@"
  // (the key before it is URL-encoded, so neither ">" nor "@" precedes "versionId=" there).
  "has:copySourceVersionId": { parameter: "x-amz-copy-source", matches: "[&>-@]versionId=" },
  // SNS Publish straight to a phone number: whether there is one decides the resource, the number itself is personal data.
  "has:phoneNumber": { parameter: "phoneNumber" },
};

/** The flags the engine reads per event source. */
export const FLAGS_BY_SOURCE: Readonly<Record<string, readonly string[]>> = {
  "s3.amazonaws.com": Object.keys(REQUEST_FLAGS).filter((flag) => flag !== "has:phoneNumber"),
  "sns.amazonaws.com": ["has:phoneNumber"],
};

/**
 * One way a request feature changes a call's actions: with any of `when` present, the call needs
 * `needs`, instead of `replaces` when that is set (s3:GetObjectVersion, not s3:GetObject, for a
 * version) or besides its own actions (s3:PutObjectAcl beside s3:PutObject for an ACL header).
 */
export interface FeatureRule {
  readonly calls: readonly string[]; // "prefix:eventName" after version suffixes are stripped
  readonly when: readonly string[];
  readonly replaces?: string;
  readonly needs: string;
  readonly source: string;
}

const S3_PERMISSIONS = "S3 User Guide, 'Required permissions for Amazon S3 API operations'";
const VERSION = ["has:versionId"];
const GET_OBJECT_ATTRIBUTES =
  "S3 API Reference, GetObjectAttributes Permissions: 'If you pass a version ID in your request, you need both the s3:GetObjectVersion and s3:GetObjectVersionAttributes permissions'";
const ACL = ["has:x-amz-acl", "has:x-amz-grant-full-control", "has:x-amz-grant-read", "has:x-amz-grant-read-acp", "has:x-amz-grant-write-acp"];
const RETENTION = ["has:x-amz-object-lock-mode", "has:x-amz-object-lock-retain-until-date"];
/** Calls that create an object and take its ACL, tags and object-lock settings as headers. */
const WRITES = ["s3:PutObject", "s3:CreateMultipartUpload", "s3:CopyObject"];

export const FEATURE_RULES: readonly FeatureRule[] = [
  {
    calls: ["s3:GetObject"], when: VERSION, replaces: "s3:GetObject", needs: "s3:GetObjectVersion",
    source: "S3 API Reference, GetObject versionId: 'you must have the s3:GetObjectVersion permission to access a specific version of an object. The s3:GetObject permission is not required in this scenario'",
  },
  {
    calls: ["s3:HeadObject"], when: VERSION, replaces: "s3:GetObject", needs: "s3:GetObjectVersion",
    source: "S3 API Reference, HeadObject Permissions: 'You need the relevant read object (or version) permission for this operation'; S3 User Guide, 'Retrieving the metadata of an object version'",
  },
  {
    calls: ["s3:DeleteObject"], when: VERSION, replaces: "s3:DeleteObject", needs: "s3:DeleteObjectVersion",
    source: "S3 API Reference, DeleteObject: 'To remove a specific version, you must use the versionId query parameter' and have the s3:DeleteObjectVersion permission",
  },
  { calls: ["s3:GetObjectAcl"], when: VERSION, replaces: "s3:GetObjectAcl", needs: "s3:GetObjectVersionAcl", source: `${S3_PERMISSIONS}: GetObjectAcl with versionId needs s3:GetObjectVersionAcl` },
  { calls: ["s3:PutObjectAcl"], when: VERSION, replaces: "s3:PutObjectAcl", needs: "s3:PutObjectVersionAcl", source: `${S3_PERMISSIONS}: PutObjectAcl with versionId needs s3:PutObjectVersionAcl` },
  { calls: ["s3:GetObjectTagging"], when: VERSION, replaces: "s3:GetObjectTagging", needs: "s3:GetObjectVersionTagging", source: `${S3_PERMISSIONS}: GetObjectTagging with versionId needs s3:GetObjectVersionTagging` },
  { calls: ["s3:PutObjectTagging"], when: VERSION, replaces: "s3:PutObjectTagging", needs: "s3:PutObjectVersionTagging", source: `${S3_PERMISSIONS}: PutObjectTagging with versionId needs s3:PutObjectVersionTagging` },
  {
    calls: ["s3:DeleteObjectTagging"], when: VERSION, replaces: "s3:DeleteObjectTagging", needs: "s3:DeleteObjectVersionTagging",
    source: `${S3_PERMISSIONS}: DeleteObjectTagging with versionId needs s3:DeleteObjectVersionTagging`,
  },
  { calls: ["s3:GetObjectAttributes"], when: VERSION, replaces: "s3:GetObjectAttributes", needs: "s3:GetObjectVersionAttributes", source: GET_OBJECT_ATTRIBUTES },
  { calls: ["s3:GetObjectAttributes"], when: VERSION, replaces: "s3:GetObject", needs: "s3:GetObjectVersion", source: GET_OBJECT_ATTRIBUTES },
  {
    calls: WRITES, when: ACL, needs: "s3:PutObjectAcl",
    source: "S3 API Reference, PutObject / CreateMultipartUpload / CopyObject: 'To use the ACL headers (x-amz-acl, x-amz-grant-*) you must have the s3:PutObjectAcl permission'",
  },
  {
    calls: WRITES, when: ["has:x-amz-tagging"], needs: "s3:PutObjectTagging",
    source: "S3 API Reference, PutObject x-amz-tagging; S3 User Guide, 'Tagging and access control policies': adding tags on upload needs s3:PutObjectTagging",
  },
  {
    calls: WRITES, when: RETENTION, needs: "s3:PutObjectRetention",
    source: "S3 User Guide, 'Object Lock considerations', Permissions: setting a retention period on upload (x-amz-object-lock-mode / -retain-until-date) needs s3:PutObjectRetention",
  },
  {
    calls: WRITES, when: ["has:x-amz-object-lock-legal-hold"], needs: "s3:PutObjectLegalHold",
    source: "S3 User Guide, 'Object Lock considerations', Permissions: a legal hold on upload (x-amz-object-lock-legal-hold) needs s3:PutObjectLegalHold",
  },
  {
    calls: ["s3:CopyObject", "s3:UploadPartCopy"], when: ["has:copySourceVersionId"], replaces: "s3:GetObject", needs: "s3:GetObjectVersion",
    source: "S3 API Reference, CopyObject x-amz-copy-source: 'To copy a specific version of an object, append ?versionId=<version-id>'; S3 User Guide, 'Required permissions for Amazon S3 API operations': copying a specific version needs s3:GetObjectVersion on the source (s3:GetObject reads only its current version)",
  },
  {
    calls: ["s3:DeleteObject", "s3:DeleteObjects", "s3:PutObjectRetention"], when: ["has:x-amz-bypass-governance-retention"], needs: "s3:BypassGovernanceRetention",
    source: "S3 User Guide, 'Bypassing governance mode': x-amz-bypass-governance-retention:true needs s3:BypassGovernanceRetention",
  },
];

/** The feature rules that apply to one call, in table order. */
export function featureRulesFor(call: string, parameters: UsageRow["parameters"]): readonly FeatureRule[] {
  return FEATURE_RULES.filter((rule) => rule.calls.includes(call) && rule.when.some((flag) => parameters[flag] === "true"));
}

/** Every action a feature may add to or put in place of a call's, whatever its request. */
export function featureActionsOf(call: string): readonly string[] {
  return FEATURE_RULES.filter((rule) => rule.calls.includes(call)).map((rule) => rule.needs);
}
