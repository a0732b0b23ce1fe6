/**
 * Every case where our mapping and a reference disagree, and why. The reference tests fail on a
 * disagreement missing here, on a row whose `ours`/`theirs` no longer read as the mapping and the
 * reference now answer, and on a row whose case agrees again: the table stays true.
 *
 * Two kinds of rows, kept apart:
 * - WE_ARE_RIGHT: the reference is wrong, out of date, or answers a different question.
 * - TO_FIX: our output is incomplete. Delete the row when it is fixed; the test says when.
 *
 * `ours`/`theirs` are action lists (iam-data casing, sorted); for "iam-dataset-prefix" the service
 * prefix. Sources: SAR = Service Authorization Reference (what iam-data is built from).
 */
import { ALL_SERVICES_TO_FIX, ALL_SERVICES_WE_ARE_RIGHT } from "./all-services-differences.js";
import { NOT_ROLE_PASSING } from "../../../src/mapping/role-passing-calls.js";

/** "iam-dataset-all": a method only all-services.test.ts compares (outside issue 3's services, or a difference only the pipeline shows). */
export type Reference = "trailscraper-cases" | "trailscraper-generate" | "iam-dataset-map" | "iam-dataset-prefix" | "iam-dataset-all";

export interface KnownDifference {
  readonly reference: Reference;
  /** "eventSource eventName" (trailscraper-cases), "expected-file prefix" (trailscraper-generate),
   * "SdkClient.Operation" (iam-dataset-map), eventSource (iam-dataset-prefix). */
  readonly case: string;
  readonly ours: readonly string[];
  readonly theirs: readonly string[];
  readonly verdict: "we-are-right" | "to-fix";
  readonly why: string;
}

// --- shared explanations ----------------------------------------------------------------------

const LAMBDA_INVOKE =
  "IAM has no lambda:Invoke; the Invoke API is authorized as lambda:InvokeFunction (Lambda API Reference, Invoke; SAR Lambda). trailscraper's own known error.";
const REENCRYPT =
  "KMS ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination (KMS API Reference, ReEncrypt); trailscraper writes the wildcard kms:ReEncrypt*, and DESIGN.md forbids * in actions.";
const COPY_SOURCE =
  "A copy also reads its source: s3:GetObject on the source object besides s3:PutObject on the target (S3 API Reference, CopyObject / UploadPartCopy, Permissions).";
const S3_OUTPOSTS =
  "The 2022 map's S3Control entries are the S3 on Outposts variants (s3-outposts:*). S3 on Outposts calls are logged with eventSource s3-outposts.amazonaws.com and map by name there; with eventSource s3.amazonaws.com the operation is regional S3's. Names only Outposts has (GetBucket, ListRegionalBuckets, DeleteBucketLifecycleConfiguration) are reported Unmapped.";
const ACCOUNT_PAB =
  "S3Control's account-level Get/Put/DeletePublicAccessBlock; CloudTrail logs them as Get/Put/DeleteAccountPublicAccessBlock (s3.amazonaws.com), never under these names, so the bucket-level answer for the bare name stands. DeleteAccountPublicAccessBlock maps to s3:PutAccountPublicAccessBlock by an exception row (S3 API Reference, S3 Control DeletePublicAccessBlock).";
const IMPLIED_PUT_LOG_EVENTS =
  "A role that creates log streams writes to them: logs:PutLogEvents, which CloudTrail never records (CloudWatch Logs User Guide, 'Logging CloudWatch Logs API calls in AWS CloudTrail'), is granted beside logs:CreateLogStream on the group's streams (implied-actions.ts). trailscraper can only grant what the trail shows.";
const SQS_BATCH =
  "SQS batch calls are authorized as the single action (SQS Developer Guide, 'Amazon SQS API permissions: Actions and resource reference'); iam-data has no sqs:*Batch actions.";
const EVENTS_PASSROLE =
  "A rule (PutRule RoleArn) or target (PutTargets Targets[].RoleArn) that names a role needs iam:PassRole on it (EventBridge User Guide, 'Using identity-based policies for Amazon EventBridge'); the map has it for EventBridge.PutRule only. The mapping adds it only when the request names a role.";
const MAP_STRAY_PASSROLE =
  "The map adds iam:PassRole on '*', but this call passes no role (see its request syntax in the API Reference): a stray row in the map.";

function conditional(extra: string, when: string, source: string): string {
  return `${extra} is needed only ${when} (${source}); the name alone cannot tell, so the comparison sees it as extra.`;
}

// --- we are right, they are wrong ---------------------------------------------------------------

export const WE_ARE_RIGHT: readonly KnownDifference[] = [
  // trailscraper mapping-cases.json
  { reference: "trailscraper-cases", case: "email.amazonaws.com SendEmail", ours: ["ses:SendEmail"], theirs: ["email:SendEmail"], verdict: "we-are-right", why: "SES v1 logs as email.amazonaws.com; IAM has no 'email' prefix, the action is ses:SendEmail (SAR Amazon SES)." },
  { reference: "trailscraper-cases", case: "kms.amazonaws.com ReEncrypt", ours: ["kms:ReEncryptFrom", "kms:ReEncryptTo"], theirs: ["kms:ReEncrypt*"], verdict: "we-are-right", why: REENCRYPT },
  { reference: "trailscraper-cases", case: "lambda.amazonaws.com Invoke", ours: ["lambda:InvokeFunction"], theirs: ["lambda:Invoke"], verdict: "we-are-right", why: LAMBDA_INVOKE },
  { reference: "trailscraper-cases", case: "monitoring.amazonaws.com DescribeLogStreams", ours: ["cloudwatch:DescribeLogStreams"], theirs: ["cloudwatch:DescribeLogStreams"], verdict: "we-are-right", why: "A made-up case of trailscraper's tests (DescribeLogStreams is a CloudWatch Logs call). Both name cloudwatch:DescribeLogStreams, which iam-data does not have: trailscraper grants it, we report it Unmapped." },
  { reference: "trailscraper-cases", case: "s3.amazonaws.com CopyObject", ours: ["s3:GetObject", "s3:PutObject"], theirs: ["s3:PutObject"], verdict: "we-are-right", why: COPY_SOURCE },
  { reference: "trailscraper-cases", case: "s3.amazonaws.com UploadPartCopy", ours: ["s3:GetObject", "s3:PutObject"], theirs: ["s3:PutObject"], verdict: "we-are-right", why: COPY_SOURCE },
  { reference: "trailscraper-cases", case: "s3.amazonaws.com DeleteBucketReplication", ours: ["s3:PutReplicationConfiguration"], theirs: ["s3:DeleteReplicationConfiguration"], verdict: "we-are-right", why: "IAM has no s3:DeleteReplicationConfiguration; DeleteBucketReplication is authorized as s3:PutReplicationConfiguration (S3 API Reference, DeleteBucketReplication)." },
  { reference: "trailscraper-cases", case: "s3.amazonaws.com PutBucketReplication", ours: ["s3:PutReplicationConfiguration"], theirs: ["s3:DeleteReplicationConfiguration"], verdict: "we-are-right", why: "trailscraper's known error (its README): PutBucketReplication needs s3:PutReplicationConfiguration (S3 API Reference, PutBucketReplication); s3:DeleteReplicationConfiguration does not exist." },
  { reference: "trailscraper-cases", case: "signin.amazonaws.com ConsoleLogin", ours: [], theirs: ["signin:ConsoleLogin"], verdict: "we-are-right", why: "Console sign-in is authentication, not an IAM-authorized action: the Service Authorization Reference (and iam-data) has no signin:ConsoleLogin, and no policy is needed to sign in. trailscraper grants a non-existent action; we map the call to no permission (exception table)." },
  { reference: "trailscraper-cases", case: "sqs.amazonaws.com SendMessageBatch", ours: ["sqs:SendMessage"], theirs: ["sqs:SendMessageBatch"], verdict: "we-are-right", why: SQS_BATCH },
  { reference: "trailscraper-cases", case: "unknown.amazonaws.com something", ours: ["unknown:something"], theirs: ["unknown:something"], verdict: "we-are-right", why: "A made-up service: trailscraper grants unknown:something; we report the call Unmapped (iam-data has no service 'unknown')." },

  // trailscraper expected/*.generate.json, per file and service prefix
  { reference: "trailscraper-generate", case: "sample.generate.json logs", ours: ["logs:CreateLogStream", "logs:PutLogEvents"], theirs: ["logs:CreateLogStream"], verdict: "we-are-right", why: IMPLIED_PUT_LOG_EVENTS },
  { reference: "trailscraper-generate", case: "sample.generate.app-role-only.json logs", ours: ["logs:CreateLogStream", "logs:PutLogEvents"], theirs: ["logs:CreateLogStream"], verdict: "we-are-right", why: IMPLIED_PUT_LOG_EVENTS },
  { reference: "trailscraper-generate", case: "sample.generate.json kms", ours: ["kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"], theirs: ["kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"], verdict: "we-are-right", why: REENCRYPT },
  { reference: "trailscraper-generate", case: "sample.generate.app-role-only.json kms", ours: ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"], theirs: ["kms:Decrypt", "kms:ReEncrypt*"], verdict: "we-are-right", why: REENCRYPT },
  { reference: "trailscraper-generate", case: "sample.generate.json lambda", ours: ["lambda:CreateEventSourceMapping", "lambda:GetFunction", "lambda:InvokeFunction", "lambda:ListVersionsByFunction", "lambda:UpdateFunctionCode"], theirs: ["lambda:CreateEventSourceMapping", "lambda:GetFunction", "lambda:Invoke", "lambda:ListVersionsByFunction", "lambda:UpdateFunctionCode"], verdict: "we-are-right", why: LAMBDA_INVOKE },
  { reference: "trailscraper-generate", case: "sample.generate.app-role-only.json lambda", ours: ["lambda:CreateEventSourceMapping", "lambda:GetFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode"], theirs: ["lambda:CreateEventSourceMapping", "lambda:GetFunction", "lambda:Invoke", "lambda:UpdateFunctionCode"], verdict: "we-are-right", why: LAMBDA_INVOKE },

  // iam-dataset map-2022-08-19.json
  { reference: "iam-dataset-map", case: "S3.CopyObject", ours: ["s3:GetObject", "s3:PutObject"], theirs: ["s3:GetObject", "s3:GetObjectTagging", "s3:ListBucket", "s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging"], verdict: "we-are-right", why: "GetObject on the source and PutObject on the target is what S3 requires (S3 API Reference, CopyObject). s3:ListBucket only turns a 403 into a 404; s3:PutObjectAcl only with ACL headers; the tagging actions only when tags are copied or set (x-amz-tagging / tagging directive), which CloudTrail's record does not show. The map grants them all unconditionally but one." },
  { reference: "iam-dataset-map", case: "S3.UploadPartCopy", ours: ["s3:GetObject", "s3:PutObject"], theirs: ["s3:PutObject"], verdict: "we-are-right", why: COPY_SOURCE },
  { reference: "iam-dataset-map", case: "S3.DeleteBucketIntelligentTieringConfiguration", ours: ["s3:PutIntelligentTieringConfiguration"], theirs: ["s3:DeleteIntelligentTieringConfiguration"], verdict: "we-are-right", why: "iam-data has no s3:DeleteIntelligentTieringConfiguration; the call is authorized as s3:PutIntelligentTieringConfiguration (S3 API Reference, DeleteBucketIntelligentTieringConfiguration)." },
  { reference: "iam-dataset-map", case: "S3.DeleteBucketOwnershipControls", ours: ["s3:PutBucketOwnershipControls"], theirs: ["s3:DeleteBucketOwnershipControls"], verdict: "we-are-right", why: "iam-data has no s3:DeleteBucketOwnershipControls; the call is authorized as s3:PutBucketOwnershipControls (S3 API Reference, DeleteBucketOwnershipControls)." },
  { reference: "iam-dataset-map", case: "S3.DeleteBucketReplication", ours: ["s3:PutReplicationConfiguration"], theirs: ["iam:PassRole", "s3:PutReplicationConfiguration"], verdict: "we-are-right", why: MAP_STRAY_PASSROLE },
  { reference: "iam-dataset-map", case: "SSM.CreateDocument", ours: ["ssm:CreateDocument"], theirs: ["iam:PassRole", "ssm:CreateDocument"], verdict: "we-are-right", why: MAP_STRAY_PASSROLE },
  { reference: "iam-dataset-map", case: "S3.DeleteObjects", ours: ["s3:DeleteObject"], theirs: ["s3:DeleteObject", "s3:DeleteObjectVersion"], verdict: "we-are-right", why: conditional("s3:DeleteObjectVersion", "for keys given with a VersionId in the request body", "S3 API Reference, DeleteObjects; the map itself marks it conditional") },
  { reference: "iam-dataset-map", case: "S3.GetObjectAttributes", ours: ["s3:GetObject", "s3:GetObjectAttributes"], theirs: ["s3:GetObjectAttributes"], verdict: "we-are-right", why: "S3 API Reference, GetObjectAttributes, Permissions: without a version ID the call needs s3:GetObject and s3:GetObjectAttributes (with one, s3:GetObjectVersion and s3:GetObjectVersionAttributes: request-features.ts). The 2022 map predates that documentation." },
  { reference: "iam-dataset-map", case: "S3.HeadObject", ours: ["s3:GetObject"], theirs: ["s3:GetObject", "s3:GetObjectVersion"], verdict: "we-are-right", why: conditional("s3:GetObjectVersion", "with a versionId (and then instead of s3:GetObject)", "S3 API Reference, HeadObject; the map marks both conditional") },
  { reference: "iam-dataset-map", case: "SQS.ChangeMessageVisibilityBatch", ours: ["sqs:ChangeMessageVisibility"], theirs: ["sqs:ChangeMessageVisibilityBatch"], verdict: "we-are-right", why: SQS_BATCH },
  { reference: "iam-dataset-map", case: "SQS.DeleteMessageBatch", ours: ["sqs:DeleteMessage"], theirs: ["sqs:DeleteMessageBatch"], verdict: "we-are-right", why: SQS_BATCH },
  { reference: "iam-dataset-map", case: "SQS.CreateQueue", ours: ["sqs:CreateQueue"], theirs: ["sqs:CreateQueue", "sqs:TagQueue"], verdict: "we-are-right", why: conditional("sqs:TagQueue", "when the request tags the queue (requestParameters.tags), and the mapping then adds it (CONDITIONAL_ACTIONS)", "SQS API Reference, CreateQueue: 'To tag a queue on creation, you must have the sqs:CreateQueue and sqs:TagQueue permissions'") },
  { reference: "iam-dataset-map", case: "SSM.GetInventorySchema", ours: ["ssm:GetInventorySchema"], theirs: ["ssm:GetInventory", "ssm:GetInventorySchema"], verdict: "we-are-right", why: "SAR lists ssm:GetInventorySchema as the action of the GetInventorySchema API with no dependent action; the map's extra ssm:GetInventory is a console companion, not a requirement." },
  ...[
    ["S3Control.CreateAccessPoint", "s3:CreateAccessPoint", "s3-outposts:CreateAccessPoint"],
    ["S3Control.CreateBucket", "s3:CreateBucket", "s3-outposts:CreateBucket"],
    ["S3Control.DeleteAccessPoint", "s3:DeleteAccessPoint", "s3-outposts:DeleteAccessPoint"],
    ["S3Control.DeleteAccessPointPolicy", "s3:DeleteAccessPointPolicy", "s3-outposts:DeleteAccessPointPolicy"],
    ["S3Control.DeleteBucket", "s3:DeleteBucket", "s3-outposts:DeleteBucket"],
    ["S3Control.DeleteBucketLifecycleConfiguration", "s3:DeleteBucketLifecycleConfiguration", "s3-outposts:DeleteLifecycleConfiguration"],
    ["S3Control.DeleteBucketPolicy", "s3:DeleteBucketPolicy", "s3-outposts:DeleteBucketPolicy"],
    ["S3Control.DeleteBucketTagging", "s3:PutBucketTagging", "s3-outposts:PutBucketTagging"],
    ["S3Control.GetAccessPoint", "s3:GetAccessPoint", "s3-outposts:GetAccessPoint"],
    ["S3Control.GetAccessPointPolicy", "s3:GetAccessPointPolicy", "s3-outposts:GetAccessPointPolicy"],
    ["S3Control.GetBucket", "s3:GetBucket", "s3-outposts:GetBucket"],
    ["S3Control.GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", "s3-outposts:GetLifecycleConfiguration"],
    ["S3Control.GetBucketPolicy", "s3:GetBucketPolicy", "s3-outposts:GetBucketPolicy"],
    ["S3Control.GetBucketTagging", "s3:GetBucketTagging", "s3-outposts:GetBucketTagging"],
    ["S3Control.ListAccessPoints", "s3:ListAccessPoints", "s3-outposts:ListAccessPoints"],
    ["S3Control.ListRegionalBuckets", "s3:ListRegionalBuckets", "s3-outposts:ListRegionalBuckets"],
    ["S3Control.PutAccessPointPolicy", "s3:PutAccessPointPolicy", "s3-outposts:PutAccessPointPolicy"],
    ["S3Control.PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3-outposts:PutLifecycleConfiguration"],
    ["S3Control.PutBucketPolicy", "s3:PutBucketPolicy", "s3-outposts:PutBucketPolicy"],
    ["S3Control.PutBucketTagging", "s3:PutBucketTagging", "s3-outposts:PutBucketTagging"],
  ].map(([method, ours, theirs]): KnownDifference => ({
    reference: "iam-dataset-map", case: method!, ours: [ours!], theirs: [theirs!], verdict: "we-are-right", why: S3_OUTPOSTS,
  })),
  { reference: "iam-dataset-map", case: "CloudWatchEvents.PutRule", ours: ["events:PutRule", "iam:PassRole"], theirs: ["events:PutRule"], verdict: "we-are-right", why: EVENTS_PASSROLE },
  { reference: "iam-dataset-map", case: "CloudWatchEvents.PutTargets", ours: ["events:PutTargets", "iam:PassRole"], theirs: ["events:PutTargets"], verdict: "we-are-right", why: EVENTS_PASSROLE },
  { reference: "iam-dataset-map", case: "EventBridge.PutTargets", ours: ["events:PutTargets", "iam:PassRole"], theirs: ["events:PutTargets"], verdict: "we-are-right", why: EVENTS_PASSROLE },
  { reference: "iam-dataset-map", case: "S3Control.DeletePublicAccessBlock", ours: ["s3:PutBucketPublicAccessBlock"], theirs: ["s3:PutAccountPublicAccessBlock"], verdict: "we-are-right", why: ACCOUNT_PAB },
  { reference: "iam-dataset-map", case: "S3Control.GetPublicAccessBlock", ours: ["s3:GetBucketPublicAccessBlock"], theirs: ["s3:GetAccountPublicAccessBlock"], verdict: "we-are-right", why: ACCOUNT_PAB },
  { reference: "iam-dataset-map", case: "S3Control.PutPublicAccessBlock", ours: ["s3:PutBucketPublicAccessBlock"], theirs: ["s3:PutAccountPublicAccessBlock"], verdict: "we-are-right", why: ACCOUNT_PAB },
];

// --- we are wrong or incomplete: to fix in src/mapping, reported ---------------------------------

/**
 * Empty: the last rows were iam:PassRole, which CloudTrail never logs; the mapping now adds it on
 * the role the request names (src/mapping/passed-roles.ts), and those 34 cases agree.
 */
export const TO_FIX: readonly KnownDifference[] = [];

// The all-services harness's own rows (reference "iam-dataset-all"), kept in their own file by reason.
// --- PassRole breadth (issue 14): iam-dataset methods whose only difference is iam:PassRole -------

const ROLE_ONLY_WHEN_NAMED =
  "Two APIs share this event source and call name (Kinesis Analytics v1 and V2, CloudHSM Classic and v2, Greengrass V1 and V2), so one row of ROLE_PASSING_CALLS serves both: iam:PassRole is granted only on a role the request names (v1's RoleARN members, Classic's IamRoleArn), so a call that names none gets none. Where the map lists PassRole for one of the pair only, the other differs here.";
const PASS_ROLE_MAP_MISSES: readonly (readonly [string, string])[] = [
  ["CognitoIdentityServiceProvider.CreateUserPool", "SmsConfiguration.SnsCallerArn is a role Cognito assumes to send SMS; handing it over needs iam:PassRole (Amazon Cognito Developer Guide, 'SMS message settings for Amazon Cognito user pools'). The map misses it; granted only when the request names the role."],
  ["EKS.CreateFargateProfile", "The pod execution role (podExecutionRoleArn) is passed to EKS and needs iam:PassRole (EKS User Guide, 'Amazon EKS Pod execution IAM role'); the map misses it."],
  ["GreengrassV2.AssociateServiceRoleToAccount", "Greengrass V2's AssociateServiceRoleToAccount names the service role (roleArn) as V1's does and needs iam:PassRole on it (Greengrass V2 Developer Guide, 'Greengrass service role'); the map lists it for V1 only."],
  ...[
    "KinesisAnalytics.AddApplicationReferenceDataSource", "KinesisAnalytics.DiscoverInputSchema", "KinesisAnalyticsV2.AddApplicationCloudWatchLoggingOption",
    "KinesisAnalyticsV2.AddApplicationInput", "KinesisAnalyticsV2.AddApplicationInputProcessingConfiguration", "KinesisAnalyticsV2.AddApplicationOutput", "CloudHSMV2.CreateHsm",
  ].map((method) => [method, ROLE_ONLY_WHEN_NAMED] as const),
];
/** Roles named inside text the engine does not parse (pipeline objects, option settings, a list inside a list): our output is incomplete. */
const PASS_ROLE_NOT_READ = new Set([
  "DataPipeline.PutPipelineDefinition", "ElasticBeanstalk.CreateConfigurationTemplate", "ElasticBeanstalk.UpdateConfigurationTemplate", "ElasticBeanstalk.UpdateEnvironment", "RDS.ModifyOptionGroup",
  "SSMIncidents.CreateResponsePlan", "SSMIncidents.UpdateResponsePlan",
]);
const PASS_ROLE_MAP_EXTRA = [
  "CloudFormation.CreateStackInstances", "CloudFormation.EstimateTemplateCost", "CloudFormation.SetStackPolicy", "CloudFormation.UpdateStackInstances",
  "DataPipeline.PutPipelineDefinition", "DataPipeline.ValidatePipelineDefinition", "ElasticBeanstalk.CreateConfigurationTemplate", "ElasticBeanstalk.UpdateConfigurationTemplate",
  "ElasticBeanstalk.UpdateEnvironment", "Iot.CreateAuditSuppression", "Iot.UpdateAuditSuppression", "IoTSiteWise.CreateAccessPolicy", "IoTSiteWise.UpdateAccessPolicy",
  "MQ.UpdateBroker", "OpsWorks.CreateUserProfile", "OpsWorks.DeleteUserProfile", "Organizations.CreateAccount", "Organizations.CreateGovCloudAccount",
  "QuickSight.RegisterUser", "RDS.ModifyOptionGroup", "SecurityHub.CreateInsight", "SecurityHub.UpdateFindings", "SecurityHub.UpdateInsight",
  "SSMIncidents.CreateResponsePlan", "SSMIncidents.UpdateResponsePlan",
];
/** `ours`/`theirs` follow from the call's own action: the map's, with or without iam:PassRole. */
function passRoleRow(method: string, weGrant: boolean, verdict: KnownDifference["verdict"], why: string): KnownDifference {
  const own = `${ownActionOf(method)}`;
  const withPassRole = ["iam:PassRole", own].sort();
  return { reference: "iam-dataset-all", case: method, ours: weGrant ? withPassRole : [own], theirs: weGrant ? [own] : withPassRole, verdict, why };
}
/** "Iot.CreateAuditSuppression" -> "iot:CreateAuditSuppression": the call's own action, as both sides name it. */
function ownActionOf(method: string): string {
  const [client, operation] = method.split(".") as [string, string];
  const prefix: Record<string, string> = {
    CognitoIdentityServiceProvider: "cognito-idp", CloudHSMV2: "cloudhsm", KinesisAnalyticsV2: "kinesisanalytics", GreengrassV2: "greengrass", Iot: "iot", IoTSiteWise: "iotsitewise", MQ: "mq", RDS: "rds",
    SecurityHub: "securityhub", QuickSight: "quicksight", OpsWorks: "opsworks", DataPipeline: "datapipeline", ElasticBeanstalk: "elasticbeanstalk", CloudFormation: "cloudformation",
    Organizations: "organizations", EKS: "eks", KinesisAnalytics: "kinesisanalytics", SSMIncidents: "ssm-incidents",
  };
  return `${prefix[client] ?? client.toLowerCase()}:${operation}`;
}
export const PASS_ROLE_DIFFERENCES: readonly KnownDifference[] = [
  ...PASS_ROLE_MAP_MISSES.map(([method, why]) => passRoleRow(method, true, "we-are-right", why)),
  ...PASS_ROLE_MAP_EXTRA.map((method) =>
    passRoleRow(
      method,
      false,
      PASS_ROLE_NOT_READ.has(method) ? "to-fix" : "we-are-right",
      `The map grants iam:PassRole; we do not, because ${NOT_ROLE_PASSING[method] ?? "(no reason recorded)"} (src/mapping/role-passing-calls.ts NOT_ROLE_PASSING).`,
    ),
  ),
];

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [...WE_ARE_RIGHT, ...TO_FIX, ...ALL_SERVICES_WE_ARE_RIGHT, ...ALL_SERVICES_TO_FIX, ...PASS_ROLE_DIFFERENCES];
