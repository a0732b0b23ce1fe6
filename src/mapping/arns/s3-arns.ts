import type { UsageRow } from "../../engines/usage-row.js";
import { escapeResourceName, parseArn } from "../../iam/arn.js";
import { namePatterns, namePatternsVia, type PrefixOverride } from "../name-patterns.js";
import { nameTokens } from "../name-tokens.js";
import {
  type ArnBuilder,
  type ArnContext,
  type ArnResult,
  arns,
  arnsOr,
  missing,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/**
 * Calls whose s3:GetObject is on the copy source named by `x-amz-copy-source`, which the engine
 * keeps only up to its folder (the key itself is as many as the calls). Source: S3 API Reference,
 * CopyObject and UploadPartCopy: s3:GetObject on the source, s3:PutObject on the target.
 */
const COPY_EVENTS: ReadonlySet<string> = new Set(["CopyObject", "UploadPartCopy"]);
const COPY_SOURCE = "x-amz-copy-source";
/** What a copy reads from its source: the object, or with a source versionId, that version. */
const SOURCE_READS: ReadonlySet<string> = new Set(["GetObject", "GetObjectVersion"]);

/**
 * Object calls whose keys CloudTrail does not record: DeleteObjects lists them in the request
 * body (`<Delete><Object><Key>`), and CloudTrail logs only `delete: ""` and the bucket.
 * Source: S3 API Reference, DeleteObjects; CloudTrail data event records of it.
 */
const KEYS_NOT_LOGGED: Readonly<Record<string, string>> = {
  DeleteObjects: "DeleteObjects names its keys in the request body, which CloudTrail does not log",
};

/** Access point aliases end in "-s3alias"; IAM policies cannot name them. Source: S3 User Guide, "Access point aliases". */
const ACCESS_POINT_ALIAS = /-s3alias$/;

/** `arn:P:s3:R:A:accesspoint/NAME`, also as the prefix of an access point's object ARNs. */
const ACCESS_POINT_ARN = /^(arn:[^:]+:s3:[^:]*:\d{12}:accesspoint\/[^/]+)(?:\/object\/(.*))?$/;

/** Where a call's objects live: a bucket, or an access point in front of one. */
type Target =
  | { readonly kind: "bucket"; readonly arn: string; readonly via: string }
  | { readonly kind: "accesspoint"; readonly arn: string; readonly via: string };

/**
 * Buckets are `arn:P:s3:::bucket` and objects `arn:P:s3:::bucket/key`: no region or account.
 * A call made through an access point is authorized against the access point ARN
 * (`arn:P:s3:R:A:accesspoint/NAME`, objects `.../object/KEY`), which CloudTrail puts in resources[]
 * (type AWS::S3::AccessPoint) and which SDKs also send as `bucketName`. Object keys come from the
 * engine's reduction of the keys by shape, granted by Generalization.s3ObjectKeys and the bucket's
 * prefix rules (see name-patterns.ts). Source: S3 User Guide, "Configuring IAM policies
 * for using access points" and "Monitoring and logging access points".
 */
export const s3Arns: ArnBuilder = (context) => {
  const { row, action } = context;
  const wantsObject = supports(action, "object") || supports(action, "accesspointobject");
  const wantsBucket = supports(action, "bucket") || supports(action, "accesspoint");
  if (!wantsObject && !wantsBucket) return resourcesNamedInEvent(context);
  if (wantsObject && COPY_EVENTS.has(row.eventName) && SOURCE_READS.has(action.name)) return copySourceArns(context);

  const target = targetOf(context);
  if ("reason" in target) return target;
  if (!wantsObject) {
    if (target.kind === "accesspoint" && !supports(action, "accesspoint")) {
      return missing(`${action.name} cannot be granted on an access point, and the event names no bucket`);
    }
    return arns([target.arn], target.via);
  }
  if (row.objectKeys === null) return missing(KEYS_NOT_LOGGED[row.eventName] ?? "the event names no object key");
  const objectPrefix = target.kind === "bucket" ? `${target.arn}/` : `${target.arn}/object/`;
  const { s3ObjectKeys: rule } = context.generalization;
  const reads = action.accessLevel === "Read";
  const patterns = namePatterns(row.objectKeys, { rule, reads, overrides: prefixOverrides(context, target), span: row });
  const result = arnsOr(
    patterns.map(({ pattern }) => `${objectPrefix}${pattern}`),
    `${target.via} + object keys: ${namePatternsVia(row.objectKeys, patterns, rule)}`,
    "the event names no object key",
  );
  return "arns" in result ? { ...result, names: patterns.map((p) => ({ ...p, pattern: `${objectPrefix}${p.pattern}` })) } : result;
};

/** The configured prefix rules for this bucket ("bucket/prefix" keys), as prefixes inside it. */
function prefixOverrides(context: ArnContext, target: Target): PrefixOverride[] {
  if (target.kind !== "bucket") return [];
  const bucket = target.arn.slice(target.arn.lastIndexOf(":") + 1);
  return Object.entries(context.generalization.s3Prefixes)
    .filter(([key]) => key === bucket || key.startsWith(`${bucket}/`))
    .map(([key, rule]) => ({ prefix: key.slice(bucket.length + 1), rule }));
}

function targetOf(context: ArnContext): Target | { readonly reason: string } {
  const { row, partition } = context;
  const accessPoint = row.resources.find((r) => r.type === "AWS::S3::AccessPoint" || ACCESS_POINT_ARN.test(r.arn));
  if (accessPoint !== undefined) {
    return { kind: "accesspoint", arn: ACCESS_POINT_ARN.exec(accessPoint.arn)?.[1] ?? accessPoint.arn, via: VIA_RESOURCES };
  }
  const named = stringParameter(row, "bucketName");
  const namedAccessPoint = named === undefined ? null : ACCESS_POINT_ARN.exec(named);
  if (namedAccessPoint?.[1] !== undefined) return { kind: "accesspoint", arn: namedAccessPoint[1], via: viaParameter("bucketName") };
  if (named !== undefined && ACCESS_POINT_ALIAS.test(named)) {
    return { reason: `the call went through access point alias ${named}; policies name access points by ARN, which the event does not give` };
  }
  if (named !== undefined) return { kind: "bucket", arn: `arn:${partition}:s3:::${named}`, via: viaParameter("bucketName") };
  const bucket = bucketInResources(row);
  return bucket === undefined ? { reason: "the event names no bucket" } : { kind: "bucket", arn: bucket, via: VIA_RESOURCES };
}

function bucketInResources(row: UsageRow): string | undefined {
  return row.resources.find((r) => r.type === "AWS::S3::Bucket")?.arn;
}

/**
 * The copy source arrives as its folder ("srcbucket/in/2026/", URL-encoded as sent, perhaps with
 * a leading "/", or an access point object ARN), so the source is every object of that folder.
 */
function copySourceArns(context: ArnContext): ArnResult {
  const folder = stringParameter(context.row, COPY_SOURCE);
  if (folder === undefined) return missing(`the event names no copy source (${COPY_SOURCE})`);
  const source = decoded(folder).replace(/^\//, "");
  const via = `${viaParameter(COPY_SOURCE)} (folder)`;
  const accessPoint = ACCESS_POINT_ARN.exec(source);
  if (accessPoint?.[1] !== undefined) {
    return arns([`${accessPoint[1]}/object/${escapeResourceName(accessPoint[2] ?? "")}*`], via);
  }
  if (parseArn(source) !== undefined) return missing(`cannot read copy source ${folder}`);
  const slash = source.indexOf("/");
  const bucket = slash < 0 ? source : source.slice(0, slash);
  if (bucket === "") return missing(`cannot read copy source ${folder}`);
  const path = slash < 0 ? "" : source.slice(slash + 1);
  const pattern = context.generalization.s3ObjectKeys === "exact" ? escapeResourceName(path) : sourceFolderPattern(path);
  return arns([`arn:${context.partition}:s3:::${bucket}/${pattern}*`], via);
}

/**
 * A copy source's folder with each generated part (a date, a UUID) as `*`: a job that copies from
 * `incoming/2026/11/` copies from `incoming/2026/12/` next month. The top folder stays as written,
 * so the grant never spreads over the bucket's other top folders.
 */
function sourceFolderPattern(path: string): string {
  const slash = path.indexOf("/");
  if (slash < 0) return escapeResourceName(path);
  const rest = nameTokens(path.slice(slash + 1))
    .map(({ text, rule }) => (rule?.strength === "generated" ? "*" : escapeResourceName(text)))
    .join("");
  return `${escapeResourceName(path.slice(0, slash + 1))}${rest}`;
}

/** SDKs URL-encode the copy source; a value that is not valid percent-encoding is taken as it is. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
