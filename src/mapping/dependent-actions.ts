import type { UsageRow } from "../engines/usage-row.js";
import { type IamAction, type IamCatalog, qualifiedName, splitActionName } from "../iam/catalog.js";
import { stripVersionSuffix } from "./event-actions.js";
import type { ActionExplanation } from "./explanation.js";

/**
 * Dependent actions: what a call also needs that no event of the caller's shows. Two kinds, and
 * iam-data's `dependentActions` are empty for every action, so this table is written by hand:
 * - the service reads or writes the S3 objects the request names with the caller's credentials
 *   (a forward access session: the S3 calls are data events, in the trail only when it records
 *   them), granted on the bucket, folder or object the request names, never `*` on S3;
 * - permission-only dependencies (sso:CreateManagedApplicationInstance, ds:AuthorizeApplication):
 *   IAM checks them, but no API call is made, so no event ever shows them.
 * Grants are marked implied. Where the need depends on what the event cannot show, the action is
 * reported (Unmapped, with why), never granted. Each row cites the page that lists the dependency.
 */
export interface DependentActions {
  /** "prefix:eventName", version suffix stripped. */
  readonly calls: readonly string[];
  readonly needs: readonly string[];
  /** Where the actions apply; none for a row whose actions are only ever reported (notInEvent). */
  readonly on?: DependentResource;
  /** Needed only when the request says so: `parameter` matches; `absent` is what a request without it means. */
  readonly when?: { readonly parameter: string; readonly matches: RegExp; readonly absent: "needed" | "unknown"; readonly what: string };
  /** Needed in a configuration the event does not show: the actions are reported with this reason, never granted. */
  readonly notInEvent?: string;
  readonly source: string;
}

/**
 * Where the extra actions apply. The S3 parameters are request parameters the engine keeps
 * (request-parameters.ts): object names and URIs only up to their last "/" (ParameterSelection
 * folders), so that one row stands for every object of a folder.
 */
export type DependentResource =
  | { readonly s3Object: { readonly bucket: string; readonly key: string } }
  | { readonly s3Uri: string }
  /** Objects the service names itself under an optional configured key prefix (Polly's output). */
  | { readonly s3Prefix: { readonly bucket: string; readonly prefix?: string } }
  | { readonly s3Bucket: string }
  /** The action's own resource type: `id` fills its name, else the type's pattern in the account and Region; `*` where IAM has no resource type. */
  | { readonly account: { readonly id?: string } };

const TEXTRACT =
  "SAR Amazon Textract: s3:GetObject is a dependent action of the operations that take a Document or DocumentLocation; Textract Developer Guide, 'Identity-based policy examples' (Textract reads the S3 object with the caller's permissions)";
const TRANSCRIBE =
  "SAR Amazon Transcribe: s3:GetObject is a dependent action of the calls that take a media or vocabulary file URI; Transcribe Developer Guide, 'Identity-based policy examples' (Transcribe reads the input file with the caller's permissions)";
const CONNECT_DIRECTORY =
  "when the instance's users are managed in an AWS Directory Service directory (identity management type EXISTING_DIRECTORY or CONNECT_MANAGED), which the event does not show";
const CONNECT =
  "SAR Amazon Connect: ds:DescribeDirectories and connect:DescribeInstance are dependent actions; Amazon Connect Administrator Guide, 'Required permissions for using custom IAM policies to manage access to the Amazon Connect console'";
const SSO_APPLICATION =
  "SAR AWS IAM Identity Center: sso:CreateManagedApplicationInstance and sso:DeleteManagedApplicationInstance are permission-only (no API), checked when a service registers or removes its IAM Identity Center application";
const NIMBLE_COMPONENT =
  "when the studio component is an Active Directory or a shared file system component (its configuration, which the event does not keep, decides)";
const NIMBLE =
  "SAR Amazon Nimble Studio: ds:AuthorizeApplication, ds:UnauthorizeApplication and sso-directory:DescribeUsers are permission-only dependent actions; Nimble Studio Administrator Guide, 'Identity-based policy examples'";

export const DEPENDENT_ACTIONS: readonly DependentActions[] = [
  {
    calls: ["textract:AnalyzeDocument", "textract:AnalyzeExpense", "textract:DetectDocumentText"],
    needs: ["s3:GetObject"],
    on: { s3Object: { bucket: "document.s3Object.bucket", key: "document.s3Object.name" } },
    source: TEXTRACT,
  },
  {
    calls: ["textract:StartDocumentAnalysis", "textract:StartDocumentTextDetection", "textract:StartExpenseAnalysis"],
    needs: ["s3:GetObject"],
    on: { s3Object: { bucket: "documentLocation.s3Object.bucket", key: "documentLocation.s3Object.name" } },
    source: TEXTRACT,
  },
  // AnalyzeID names one object per page in a list, which the engine does not keep: reported.
  {
    calls: ["textract:AnalyzeID"],
    needs: ["s3:GetObject"],
    notInEvent: "on the S3 objects of its documentPages, a list of objects the engine does not keep (one name per page)",
    source: TEXTRACT,
  },
  {
    calls: ["transcribe:StartTranscriptionJob", "transcribe:StartMedicalTranscriptionJob", "transcribe:StartCallAnalyticsJob"],
    needs: ["s3:GetObject"],
    on: { s3Uri: "media.mediaFileUri" },
    source: TRANSCRIBE,
  },
  {
    calls: ["transcribe:CreateVocabulary", "transcribe:UpdateVocabulary", "transcribe:CreateMedicalVocabulary", "transcribe:UpdateMedicalVocabulary"],
    needs: ["s3:GetObject"],
    on: { s3Uri: "vocabularyFileUri" },
    source: TRANSCRIBE,
  },
  {
    calls: ["transcribe:CreateVocabularyFilter", "transcribe:UpdateVocabularyFilter"],
    needs: ["s3:GetObject"],
    on: { s3Uri: "vocabularyFilterFileUri" },
    source: TRANSCRIBE,
  },
  {
    calls: ["kafkaconnect:CreateCustomPlugin"],
    needs: ["s3:GetObject"],
    on: { s3Object: { bucket: "location.s3Location.bucketArn", key: "location.s3Location.fileKey" } },
    source: "SAR Amazon MSK Connect: s3:GetObject is a dependent action of CreateCustomPlugin; MSK Developer Guide, 'Custom plugins' (the plugin file is read from S3 with the caller's permissions)",
  },
  {
    calls: ["polly:StartSpeechSynthesisTask"],
    needs: ["s3:PutObject"],
    on: { s3Prefix: { bucket: "outputS3BucketName", prefix: "outputS3KeyPrefix" } },
    source: "SAR Amazon Polly: s3:PutObject is a dependent action of StartSpeechSynthesisTask; Polly API Reference, StartSpeechSynthesisTask OutputS3BucketName and OutputS3KeyPrefix (the output object is named by the task)",
  },
  {
    calls: ["waf:CreateWebACLMigrationStack", "waf-regional:CreateWebACLMigrationStack"],
    needs: ["s3:PutObject"],
    on: { s3Prefix: { bucket: "s3BucketName" } },
    source: "SAR AWS WAF Classic: s3:PutObject is a dependent action of CreateWebACLMigrationStack; WAF Classic API Reference, CreateWebACLMigrationStack S3BucketName (the template's object is named by the call)",
  },
  {
    calls: ["shield:DisassociateDRTLogBucket"],
    needs: ["s3:DeleteBucketPolicy"],
    on: { s3Bucket: "logBucket" },
    source: "SAR AWS Shield: s3:DeleteBucketPolicy is a dependent action of DisassociateDRTLogBucket; Shield Advanced API Reference, DisassociateDRTLogBucket (the SRT's access is removed from the bucket policy)",
  },
  {
    calls: ["connect:DescribeInstance", "connect:ListInstances", "connect:UpdateInstanceAttribute", "connect:AssociateInstanceStorageConfig", "connect:UpdateInstanceStorageConfig"],
    needs: ["ds:DescribeDirectories"],
    on: { account: {} },
    notInEvent: CONNECT_DIRECTORY,
    source: CONNECT,
  },
  {
    calls: ["connect:CreateUseCase", "connect:DeleteUseCase", "connect:ListUseCases", "connect:ListIntegrationAssociations"],
    needs: ["connect:DescribeInstance"],
    on: { account: { id: "instanceId" } },
    source: CONNECT,
  },
  {
    calls: ["connect:CreateUseCase", "connect:DeleteUseCase", "connect:ListUseCases", "connect:ListIntegrationAssociations"],
    needs: ["ds:DescribeDirectories"],
    on: { account: {} },
    notInEvent: CONNECT_DIRECTORY,
    source: CONNECT,
  },
  {
    calls: ["connect:CreateInstance"],
    needs: ["ds:AuthorizeApplication"],
    on: { account: { id: "directoryId" } },
    when: { parameter: "identityManagementType", matches: /^EXISTING_DIRECTORY$/, absent: "unknown", what: "when the instance uses an existing directory (identityManagementType EXISTING_DIRECTORY)" },
    source: "SAR Amazon Connect: ds:AuthorizeApplication is a dependent action of CreateInstance; Connect API Reference, CreateInstance DirectoryId (the directory of an EXISTING_DIRECTORY instance)",
  },
  {
    calls: ["grafana:CreateWorkspace"],
    needs: ["sso:CreateManagedApplicationInstance", "sso:DescribeRegisteredRegions", "sso:GetSharedSsoConfiguration", "organizations:DescribeOrganization"],
    on: { account: {} },
    when: { parameter: "authenticationProviders", matches: /^AWS_SSO$/, absent: "unknown", what: "when the workspace authenticates with IAM Identity Center (authenticationProviders AWS_SSO)" },
    source: "Amazon Managed Grafana User Guide, 'Use IAM Identity Center with your Amazon Managed Grafana workspace' and the AWSGrafanaAccountAdministrator managed policy: creating a workspace with IAM Identity Center needs these sso and organizations permissions",
  },
  {
    calls: ["grafana:DeleteWorkspace"],
    needs: ["sso:DeleteManagedApplicationInstance"],
    on: { account: {} },
    notInEvent: "when the workspace authenticates with IAM Identity Center, which the delete request does not say",
    source: SSO_APPLICATION,
  },
  { calls: ["iotfleethub:CreateApplication", "nimble:CreateStudio"], needs: ["sso:CreateManagedApplicationInstance"], on: { account: {} }, source: `${SSO_APPLICATION}; Fleet Hub and Nimble Studio always sign users in with IAM Identity Center` },
  { calls: ["iotfleethub:DeleteApplication", "nimble:DeleteStudio"], needs: ["sso:DeleteManagedApplicationInstance"], on: { account: {} }, source: `${SSO_APPLICATION}; Fleet Hub and Nimble Studio always sign users in with IAM Identity Center` },
  {
    calls: ["iotsitewise:CreatePortal"],
    needs: ["sso:CreateManagedApplicationInstance"],
    on: { account: {} },
    when: { parameter: "portalAuthMode", matches: /^SSO$/, absent: "needed", what: "when the portal signs users in with IAM Identity Center (portalAuthMode SSO, the default)" },
    source: `${SSO_APPLICATION}; IoT SiteWise API Reference, CreatePortal portalAuthMode (SSO by default)`,
  },
  {
    calls: ["iotsitewise:DeletePortal"],
    needs: ["sso:DeleteManagedApplicationInstance"],
    on: { account: {} },
    notInEvent: "when the portal signs users in with IAM Identity Center, which the delete request does not say",
    source: SSO_APPLICATION,
  },
  {
    calls: ["nimble:StartStudioSSOConfigurationRepair"],
    needs: ["sso:CreateManagedApplicationInstance", "sso:GetManagedApplicationInstance"],
    on: { account: {} },
    source: `${SSO_APPLICATION}; Nimble Studio API Reference, StartStudioSSOConfigurationRepair (recreates the studio's IAM Identity Center application)`,
  },
  { calls: ["nimble:PutLaunchProfileMembers", "nimble:PutStudioMembers"], needs: ["sso-directory:DescribeUsers"], on: { account: {} }, source: NIMBLE },
  {
    calls: ["nimble:CreateStudioComponent", "nimble:UpdateStudioComponent"],
    needs: ["ds:AuthorizeApplication", "ds:DescribeDirectories", "ec2:DescribeSecurityGroups", "fsx:DescribeFileSystems"],
    on: { account: {} },
    notInEvent: NIMBLE_COMPONENT,
    source: NIMBLE,
  },
  { calls: ["nimble:DeleteStudioComponent"], needs: ["ds:UnauthorizeApplication"], on: { account: {} }, notInEvent: NIMBLE_COMPONENT, source: NIMBLE },
  {
    calls: ["nimble:GetLaunchProfileInitialization"],
    needs: ["ds:DescribeDirectories", "ec2:DescribeSecurityGroups", "fsx:DescribeFileSystems"],
    on: { account: {} },
    notInEvent: "when the launch profile's studio components include an Active Directory or a shared file system (their configuration, which the event does not show)",
    source: NIMBLE,
  },
];

const BY_CALL: ReadonlyMap<string, readonly DependentActions[]> = (() => {
  const map = new Map<string, DependentActions[]>();
  for (const rule of DEPENDENT_ACTIONS) for (const call of rule.calls) map.set(call, [...(map.get(call) ?? []), rule]);
  return map;
})();

/** The dependent-action rows of a call. */
export function dependentActionRules(servicePrefix: string, eventName: string): readonly DependentActions[] {
  return BY_CALL.get(`${servicePrefix}:${stripVersionSuffix(eventName)}`) ?? [];
}

/** The request parameters a rule reads (its resource's and its condition's). */
export function dependentRuleParameters(rule: DependentActions): readonly string[] {
  const { on } = rule;
  const names =
    rule.notInEvent !== undefined || on === undefined
      ? []
      : "s3Object" in on
        ? [on.s3Object.bucket, on.s3Object.key]
        : "s3Uri" in on
          ? [on.s3Uri]
          : "s3Prefix" in on
            ? [on.s3Prefix.bucket, ...(on.s3Prefix.prefix === undefined ? [] : [on.s3Prefix.prefix])]
            : "s3Bucket" in on
              ? [on.s3Bucket]
              : on.account.id === undefined
                ? []
                : [on.account.id];
  return [...names, ...(rule.when === undefined ? [] : [rule.when.parameter])];
}

/** eventSource -> the request parameters the dependent-action rows read there: what the engine must keep. */
export function dependentParameters(): Readonly<Record<string, readonly string[]>> {
  const bySource: Record<string, string[]> = {};
  for (const rule of DEPENDENT_ACTIONS) {
    for (const call of rule.calls) {
      const source = `${call.slice(0, call.indexOf(":"))}.amazonaws.com`;
      const names = (bySource[source] ??= []);
      for (const name of dependentRuleParameters(rule)) if (!names.includes(name)) names.push(name);
    }
  }
  return Object.fromEntries(Object.entries(bySource).filter(([, names]) => names.length > 0).map(([source, names]) => [source, names.sort()]));
}

/** The object names and URIs the engine keeps only up to their folder (ParameterSelection.folders). */
export function dependentFolders(): readonly string[] {
  return [
    ...new Set(
      DEPENDENT_ACTIONS.filter((rule) => rule.notInEvent === undefined).flatMap(({ on }) =>
        on === undefined ? [] : "s3Object" in on ? [on.s3Object.key] : "s3Uri" in on ? [on.s3Uri] : [],
      ),
    ),
  ].sort();
}

/** Parameters that are lists of values (Grafana's authenticationProviders): ParameterSelection.lists. */
export const DEPENDENT_LISTS: readonly string[] = ["authenticationProviders"];

/**
 * The dependent actions of a granted call, each on the resource its request names, marked
 * implied; reported instead where the request does not name it or the event cannot show that
 * it is needed. An action the call itself already needs is not repeated.
 */
export function explainDependentActions(
  servicePrefix: string,
  own: readonly ActionExplanation[],
  row: UsageRow,
  catalog: IamCatalog,
  partition: string,
): ActionExplanation[] {
  const seen = new Set(own.map((a) => a.action.toLowerCase()));
  const out: ActionExplanation[] = [];
  const call = stripVersionSuffix(row.eventName);
  for (const rule of dependentActionRules(servicePrefix, row.eventName)) {
    const needed = neededBy(rule, row);
    if (needed === "no") continue;
    for (const name of rule.needs) {
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      const actionVia = `dependent action of ${call}: ${rule.source}`;
      const why = `${call} also needs ${name}, which no logged call of the caller shows (dependent-actions.ts)`;
      const action = catalog.action(...splitActionName(name));
      if (action === undefined) {
        out.push({ action: name, exists: false, actionVia, candidate: false, resources: [], resourcesVia: null, unmapped: `iam-data has no action ${name}`, implied: why });
        continue;
      }
      const common = { action: qualifiedName(action), exists: true, actionVia, implied: why };
      if (rule.notInEvent !== undefined || needed === "unknown") {
        const when = rule.notInEvent ?? `${rule.when?.what ?? ""}, and the event does not show requestParameters.${rule.when?.parameter ?? ""}`;
        out.push({ ...common, candidate: true, resources: [], resourcesVia: null, unmapped: `${call} may need ${qualifiedName(action)} ${when}` });
        continue;
      }
      const target = rule.on === undefined ? { reason: "the table names no resource for it" } : resourceOf(rule.on, action, row, catalog, partition);
      out.push(
        "reason" in target
          ? { ...common, candidate: false, resources: [], resourcesVia: null, unmapped: `${call} also needs ${qualifiedName(action)}: ${target.reason}` }
          : { ...common, candidate: false, resources: [target.arn], resourcesVia: target.via, unmapped: null },
      );
    }
  }
  return out;
}

function neededBy(rule: DependentActions, row: UsageRow): "yes" | "no" | "unknown" {
  if (rule.when === undefined) return "yes";
  const value = row.parameters[rule.when.parameter];
  const values = value === undefined ? [] : typeof value === "string" ? [value] : value;
  if (values.length === 0 || values.every((v) => v === "")) return rule.when.absent === "needed" ? "yes" : "unknown";
  const { matches } = rule.when;
  return values.some((v) => matches.test(v)) ? "yes" : "no";
}

function text(row: UsageRow, name: string): string | undefined {
  const value = row.parameters[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens (S3 User Guide, "Bucket naming rules"). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** "bucket" or "arn:aws:s3:::bucket" -> "bucket"; undefined for anything that names no bucket. */
function bucketOf(value: string): string | undefined {
  const name = value.replace(/^arn:[^:]+:s3:::/, "");
  return BUCKET.test(name) ? name : undefined;
}

/**
 * "s3://bucket/a/b/", "https://s3.us-east-1.amazonaws.com/bucket/a/b/" or
 * "https://bucket.s3.us-east-1.amazonaws.com/a/b/" -> bucket and folder (the engine keeps a URI up
 * to its last "/"). Source: S3 User Guide, "Methods for accessing a bucket".
 */
function s3UriParts(uri: string): { readonly bucket: string; readonly folder: string } | undefined {
  const match =
    /^s3:\/\/([^/]+)\/(.*)$/.exec(uri) ??
    /^https:\/\/s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?:\.cn)?\/([^/]+)\/(.*)$/.exec(uri) ??
    /^https:\/\/([^/]+?)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?:\.cn)?\/(.*)$/.exec(uri);
  return match === null ? undefined : { bucket: match[1] as string, folder: match[2] as string };
}

type Target = { readonly arn: string; readonly via: string } | { readonly reason: string };

function resourceOf(on: DependentResource, action: IamAction, row: UsageRow, catalog: IamCatalog, partition: string): Target {
  const p = (name: string) => `requestParameters.${name}`;
  const folderObjects = (bucket: string, folder: string, via: string): Target =>
    folder === ""
      ? { reason: `the object is at the root of bucket ${bucket}, and the engine keeps object names only up to their folder (${via})` }
      : { arn: `arn:${partition}:s3:::${bucket}/${folder}*`, via: `${via}: the objects of the folder the request names (scoped pattern)` };
  if ("s3Object" in on) {
    const bucket = text(row, on.s3Object.bucket);
    const folder = text(row, on.s3Object.key);
    const name = bucket === undefined ? undefined : bucketOf(bucket);
    if (name === undefined || folder === undefined) {
      return {
        reason: `the event names no S3 bucket and folder for it (${p(on.s3Object.bucket)}, ${p(on.s3Object.key)}: absent, not a bucket, or an object at the bucket's root, whose name the engine does not keep)`,
      };
    }
    return folderObjects(name, folder, `${p(on.s3Object.bucket)} + ${p(on.s3Object.key)}`);
  }
  if ("s3Uri" in on) {
    const uri = text(row, on.s3Uri);
    const parts = uri === undefined ? undefined : s3UriParts(uri);
    const bucket = parts === undefined ? undefined : bucketOf(parts.bucket);
    if (parts === undefined || bucket === undefined) return { reason: `the event names no S3 URI for it (${p(on.s3Uri)}: absent or not an S3 URI)` };
    return folderObjects(bucket, parts.folder, p(on.s3Uri));
  }
  if ("s3Prefix" in on) {
    const bucket = text(row, on.s3Prefix.bucket);
    const name = bucket === undefined ? undefined : bucketOf(bucket);
    if (name === undefined) return { reason: `the event names no S3 bucket for it (${p(on.s3Prefix.bucket)})` };
    const prefix = on.s3Prefix.prefix === undefined ? undefined : text(row, on.s3Prefix.prefix);
    const via = prefix === undefined ? p(on.s3Prefix.bucket) : `${p(on.s3Prefix.bucket)} + ${p(on.s3Prefix.prefix as string)}`;
    return { arn: `arn:${partition}:s3:::${name}/${prefix ?? ""}*`, via: `${via}: the objects the call names under it (scoped pattern)` };
  }
  if ("s3Bucket" in on) {
    const bucket = text(row, on.s3Bucket);
    const name = bucket === undefined ? undefined : bucketOf(bucket);
    if (name === undefined) return { reason: `the event names no S3 bucket for it (${p(on.s3Bucket)})` };
    return { arn: `arn:${partition}:s3:::${name}`, via: p(on.s3Bucket) };
  }
  return accountResource(on.account.id, action, row, catalog, partition);
}

/** The action's own resource type, named by `id` or as the type's pattern in the account and Region; `*` where IAM has none. */
function accountResource(id: string | undefined, action: IamAction, row: UsageRow, catalog: IamCatalog, partition: string): Target {
  const type = action.resourceTypes[0];
  if (type === undefined) return { arn: "*", via: "no resource-level support (iam-data)" };
  const format = catalog.resourceArnFormat(action.service, type.name);
  if (format === undefined) return { reason: `iam-data has no ARN format for ${action.service} ${type.name}` };
  const value = id === undefined ? undefined : text(row, id);
  if (id !== undefined && value === undefined) return { reason: `the event names no ${type.name} (requestParameters.${id})` };
  const first = format.split(/,\s*(?=arn:)/)[0] as string;
  const arn = first.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
    name === "Partition" ? partition : name === "Region" ? row.region : name === "Account" ? row.account : (value ?? "*"),
  );
  return { arn, via: value === undefined ? `any ${type.name} of the account and Region (scoped pattern)` : `requestParameters.${id}` };
}
