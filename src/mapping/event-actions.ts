import type { UsageRow } from "../engines/usage-row.js";
import { apigatewayVerb } from "./apigateway-routes.js";
import { featureActionsOf, featureRulesFor } from "./request-features.js";
import { type Items, itemsOf } from "./item-actions.js";

/** One exception: the IAM actions a CloudTrail operation needs, and the source that says so. */
export interface ActionException {
  readonly actions: readonly string[];
  readonly source: string;
}

const S3 = "S3 User Guide, Required permissions for Amazon S3 API operations";
const SQS_BATCH = "SQS Developer Guide, Amazon SQS API permissions: a batch action needs the single action";
// AWS Budgets authorizes its API by two actions, not by operation: the SAR for AWS Budget Service
// has no budgets:CreateBudget or budgets:DescribeBudgets (iam-data neither).
const BUDGETS_MODIFY =
  "Cost Management User Guide, 'Managing access to AWS Budgets' (budgets:ModifyBudget: create, update and delete budgets, notifications and subscribers); SAR AWS Budget Service: ModifyBudget";
const BUDGETS_VIEW =
  "Cost Management User Guide, 'Managing access to AWS Budgets' (budgets:ViewBudget: view budgets, their history, notifications and subscribers); SAR AWS Budget Service: ViewBudget";
const MANAGE_CONNECTIONS =
  "API Gateway Developer Guide, 'Use @connections commands in your backend service': the @connections API (PostToConnection, GetConnection, DeleteConnection) is authorized as execute-api:ManageConnections; SAR Amazon API Gateway: ManageConnections";

/**
 * "prefix:eventName" -> the IAM actions the call needs, where CloudTrail's operation name is not
 * the IAM action name. Keys use the eventName after version suffixes are stripped; [] means the
 * call needs no permission.
 */
export const ACTION_EXCEPTIONS: Readonly<Record<string, ActionException>> = {
  "budgets:CreateBudget": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:UpdateBudget": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:DeleteBudget": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:CreateNotification": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:UpdateNotification": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:DeleteNotification": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:CreateSubscriber": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:UpdateSubscriber": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:DeleteSubscriber": { actions: ["budgets:ModifyBudget"], source: BUDGETS_MODIFY },
  "budgets:DescribeBudget": { actions: ["budgets:ViewBudget"], source: BUDGETS_VIEW },
  "budgets:DescribeBudgets": { actions: ["budgets:ViewBudget"], source: BUDGETS_VIEW },
  "budgets:DescribeBudgetPerformanceHistory": { actions: ["budgets:ViewBudget"], source: BUDGETS_VIEW },
  "budgets:DescribeNotificationsForBudget": { actions: ["budgets:ViewBudget"], source: BUDGETS_VIEW },
  "budgets:DescribeSubscribersForNotification": { actions: ["budgets:ViewBudget"], source: BUDGETS_VIEW },
  "execute-api:DeleteConnection": { actions: ["execute-api:ManageConnections"], source: MANAGE_CONNECTIONS },
  "execute-api:GetConnection": { actions: ["execute-api:ManageConnections"], source: MANAGE_CONNECTIONS },
  "execute-api:PostToConnection": { actions: ["execute-api:ManageConnections"], source: MANAGE_CONNECTIONS },
  "cloudfront:CreateDistributionWithTags": {
    actions: ["cloudfront:CreateDistribution", "cloudfront:TagResource"],
    source: "CloudFront Developer Guide, 'Permissions required to use the CloudFront API': CreateDistributionWithTags needs cloudfront:CreateDistribution and cloudfront:TagResource (the SAR has no CreateDistributionWithTags action)",
  },
  "cloudsearch:UploadDocuments": {
    actions: ["cloudsearch:document"],
    source: "CloudSearch Developer Guide, 'Configuring access for Amazon CloudSearch': document service calls (upload) are authorized as cloudsearch:document; SAR Amazon CloudSearch: document",
  },
  "dynamodb:TransactGetItems": { actions: ["dynamodb:GetItem"], source: "DynamoDB Developer Guide, Using IAM with DynamoDB transactions" },
  "kms:ReEncrypt": { actions: ["kms:ReEncryptFrom", "kms:ReEncryptTo"], source: "KMS API Reference, ReEncrypt: both, on the source and the destination key" },
  "kms:ReplicateKey": {
    actions: ["kms:ReplicateKey", "kms:CreateKey"],
    source: "KMS API Reference, ReplicateKey, Required permissions: kms:ReplicateKey on the primary key, kms:CreateKey in the replica Region",
  },
  "lambda:GetLayerVersionByArn": {
    actions: ["lambda:GetLayerVersion"],
    source: "Lambda API Reference, GetLayerVersionByArn; SAR AWS Lambda: authorized as lambda:GetLayerVersion (IAM has no GetLayerVersionByArn)",
  },
  "lambda:Invoke": { actions: ["lambda:InvokeFunction"], source: "Lambda API Reference, Invoke: lambda:InvokeFunction" },
  "lambda:InvokeWithResponseStream": { actions: ["lambda:InvokeFunction"], source: "Lambda API Reference, InvokeWithResponseStream" },
  "s3:CompleteMultipartUpload": { actions: ["s3:PutObject"], source: `${S3}: multipart upload permissions` },
  "s3:CopyObject": { actions: ["s3:PutObject", "s3:GetObject"], source: `${S3}: PutObject on the target, GetObject on the source` },
  "s3:CreateMultipartUpload": { actions: ["s3:PutObject"], source: `${S3}: multipart upload permissions` },
  "s3:DeleteBucketAnalyticsConfiguration": { actions: ["s3:PutAnalyticsConfiguration"], source: S3 },
  "s3:DeleteBucketCors": { actions: ["s3:PutBucketCORS"], source: S3 },
  "s3:DeleteBucketEncryption": { actions: ["s3:PutEncryptionConfiguration"], source: S3 },
  "s3:DeleteBucketIntelligentTieringConfiguration": { actions: ["s3:PutIntelligentTieringConfiguration"], source: S3 },
  "s3:DeleteBucketInventoryConfiguration": { actions: ["s3:PutInventoryConfiguration"], source: S3 },
  "s3:DeleteBucketLifecycle": { actions: ["s3:PutLifecycleConfiguration"], source: S3 },
  "s3:DeleteBucketMetricsConfiguration": { actions: ["s3:PutMetricsConfiguration"], source: S3 },
  "s3:DeleteBucketOwnershipControls": { actions: ["s3:PutBucketOwnershipControls"], source: S3 },
  // trailscraper's s3:DeleteReplicationConfiguration does not exist in IAM
  "s3:DeleteBucketReplication": { actions: ["s3:PutReplicationConfiguration"], source: S3 },
  "s3:DeleteBucketTagging": { actions: ["s3:PutBucketTagging"], source: S3 },
  "s3:DeleteAccountPublicAccessBlock": {
    actions: ["s3:PutAccountPublicAccessBlock"],
    source: "S3 API Reference, S3 Control DeletePublicAccessBlock (logged as DeleteAccountPublicAccessBlock): needs s3:PutAccountPublicAccessBlock",
  },
  "s3:DeleteBucketPublicAccessBlock": {
    actions: ["s3:PutBucketPublicAccessBlock"],
    source: "S3 API Reference, DeletePublicAccessBlock (logged as DeleteBucketPublicAccessBlock): needs s3:PutBucketPublicAccessBlock",
  },
  "s3:DeleteObjects": { actions: ["s3:DeleteObject"], source: `${S3}: DeleteObjects needs s3:DeleteObject on each key` },
  "s3:DeletePublicAccessBlock": { actions: ["s3:PutBucketPublicAccessBlock"], source: S3 },
  "s3:GetBucketAccelerateConfiguration": { actions: ["s3:GetAccelerateConfiguration"], source: S3 },
  "s3:GetBucketAnalyticsConfiguration": { actions: ["s3:GetAnalyticsConfiguration"], source: S3 },
  "s3:GetBucketCors": { actions: ["s3:GetBucketCORS"], source: S3 },
  "s3:GetBucketEncryption": { actions: ["s3:GetEncryptionConfiguration"], source: S3 },
  "s3:GetBucketIntelligentTieringConfiguration": { actions: ["s3:GetIntelligentTieringConfiguration"], source: S3 },
  "s3:GetBucketInventoryConfiguration": { actions: ["s3:GetInventoryConfiguration"], source: S3 },
  "s3:GetBucketLifecycle": { actions: ["s3:GetLifecycleConfiguration"], source: S3 },
  "s3:GetBucketLifecycleConfiguration": { actions: ["s3:GetLifecycleConfiguration"], source: S3 },
  "s3:GetBucketMetricsConfiguration": { actions: ["s3:GetMetricsConfiguration"], source: S3 },
  "s3:GetBucketNotificationConfiguration": { actions: ["s3:GetBucketNotification"], source: S3 },
  "s3:GetBucketReplication": { actions: ["s3:GetReplicationConfiguration"], source: S3 },
  // With a versionId, GetObject, HeadObject and DeleteObject need the ...Version actions instead:
  // request-features.ts, from the engine's one-bit flag of whether a version was named.
  "s3:GetObjectAttributes": {
    actions: ["s3:GetObjectAttributes", "s3:GetObject"],
    source: "S3 API Reference, GetObjectAttributes Permissions: 'If you do not pass a version ID in your request, you need the s3:GetObject and s3:GetObjectAttributes permissions'",
  },
  "s3:GetObjectLockConfiguration": { actions: ["s3:GetBucketObjectLockConfiguration"], source: S3 },
  "s3:GetPublicAccessBlock": { actions: ["s3:GetBucketPublicAccessBlock"], source: S3 },
  "s3:HeadBucket": { actions: ["s3:ListBucket"], source: `${S3}: HeadBucket needs s3:ListBucket` },
  "s3:HeadObject": { actions: ["s3:GetObject"], source: `${S3}: HeadObject needs s3:GetObject` },
  "s3:ListBucketAnalyticsConfigurations": { actions: ["s3:GetAnalyticsConfiguration"], source: S3 },
  "s3:ListBucketIntelligentTieringConfigurations": { actions: ["s3:GetIntelligentTieringConfiguration"], source: S3 },
  "s3:ListBucketInventoryConfigurations": { actions: ["s3:GetInventoryConfiguration"], source: S3 },
  "s3:ListBucketMetricsConfigurations": { actions: ["s3:GetMetricsConfiguration"], source: S3 },
  "s3:ListBuckets": { actions: ["s3:ListAllMyBuckets"], source: S3 },
  "s3:ListMultipartUploads": { actions: ["s3:ListBucketMultipartUploads"], source: S3 },
  "s3:ListObjectVersions": { actions: ["s3:ListBucketVersions"], source: S3 },
  "s3:ListObjects": { actions: ["s3:ListBucket"], source: S3 },
  "s3:ListObjectsV2": { actions: ["s3:ListBucket"], source: `${S3}: ListObjectsV2 needs s3:ListBucket` },
  "s3:ListParts": { actions: ["s3:ListMultipartUploadParts"], source: `${S3}: multipart upload permissions` },
  "s3:PutBucketAccelerateConfiguration": { actions: ["s3:PutAccelerateConfiguration"], source: S3 },
  "s3:PutBucketAnalyticsConfiguration": { actions: ["s3:PutAnalyticsConfiguration"], source: S3 },
  "s3:PutBucketCors": { actions: ["s3:PutBucketCORS"], source: S3 },
  "s3:PutBucketEncryption": { actions: ["s3:PutEncryptionConfiguration"], source: S3 },
  "s3:PutBucketIntelligentTieringConfiguration": { actions: ["s3:PutIntelligentTieringConfiguration"], source: S3 },
  "s3:PutBucketInventoryConfiguration": { actions: ["s3:PutInventoryConfiguration"], source: S3 },
  "s3:PutBucketLifecycle": { actions: ["s3:PutLifecycleConfiguration"], source: S3 },
  "s3:PutBucketLifecycleConfiguration": { actions: ["s3:PutLifecycleConfiguration"], source: S3 },
  "s3:PutBucketMetricsConfiguration": { actions: ["s3:PutMetricsConfiguration"], source: S3 },
  "s3:PutBucketNotificationConfiguration": { actions: ["s3:PutBucketNotification"], source: S3 },
  "s3:PutBucketReplication": { actions: ["s3:PutReplicationConfiguration"], source: S3 },
  "s3:PutObjectLockConfiguration": { actions: ["s3:PutBucketObjectLockConfiguration"], source: S3 },
  "s3:PutPublicAccessBlock": { actions: ["s3:PutBucketPublicAccessBlock"], source: S3 },
  "s3:SelectObjectContent": { actions: ["s3:GetObject"], source: S3 },
  "s3:WriteGetObjectResponse": {
    actions: ["s3-object-lambda:WriteGetObjectResponse"],
    source: "S3 API Reference, WriteGetObjectResponse; SAR Amazon S3 Object Lambda: the action is s3-object-lambda:WriteGetObjectResponse",
  },
  "s3:UploadPart": { actions: ["s3:PutObject"], source: `${S3}: multipart upload permissions` },
  "s3:UploadPartCopy": { actions: ["s3:PutObject", "s3:GetObject"], source: `${S3}: as CopyObject` },
  "secretsmanager:BatchGetSecretValue": {
    actions: ["secretsmanager:BatchGetSecretValue", "secretsmanager:GetSecretValue"],
    source: "Secrets Manager API Reference, BatchGetSecretValue: also GetSecretValue on each secret",
  },
  "sns:PublishBatch": { actions: ["sns:Publish"], source: "SNS API Reference, PublishBatch: authorized as sns:Publish" },
  "sqs:ChangeMessageVisibilityBatch": { actions: ["sqs:ChangeMessageVisibility"], source: SQS_BATCH },
  "sqs:DeleteMessageBatch": { actions: ["sqs:DeleteMessage"], source: SQS_BATCH },
  "sqs:SendMessageBatch": { actions: ["sqs:SendMessage"], source: SQS_BATCH },
  // Console sign-in is authentication, not an API call IAM authorizes: the Service Authorization
  // Reference lists no signin:ConsoleLogin, and no policy is needed (or can refuse it) to sign in.
  "signin:ConsoleLogin": { actions: [], source: "IAM User Guide, 'How IAM users sign in to AWS'; SAR AWS Sign-In has no ConsoleLogin action: sign-in is authentication, not authorized by policies" },
  "sts:GetCallerIdentity": { actions: [], source: "STS API Reference, GetCallerIdentity: no permission is required, and a Deny does not stop it" },
  "sts:GetSessionToken": {
    actions: [],
    source: "IAM User Guide, 'Permissions for GetSessionToken': no permissions are required, and policies cannot control authentication operations",
  },
};

/**
 * "prefix:eventName" of operations CloudTrail logs that no IAM action authorizes by that name,
 * and why: shown instead of "iam-data has no action ...".
 */
export const OPERATIONS_WITHOUT_ACTION: Readonly<Record<string, string>> = {
  "s3:GetStorageLensDashboardDataInternal":
    "an internal operation of the S3 console's Storage Lens dashboard, absent from the Service Authorization Reference (and iam-data); the dashboard's documented permission is s3:GetStorageLensDashboard (S3 User Guide, 'Setting permissions to use S3 Storage Lens')",
};

/** Calls that need one or more of several actions, which ones the usage row cannot tell. */
export interface UndeterminedActions {
  readonly candidates: readonly string[];
  readonly why: string;
  readonly source: string;
}

/**
 * "prefix:eventName" -> the actions the call may need, for calls whose per-item actions the row
 * does not keep (a scan by an engine that does not read items: item-actions.ts reads them when it does). Each candidate is reported as
 * Unmapped with the reason, never granted: granting all four would give a reader
 * DeleteItem it never used. (BatchGetItem and BatchWriteItem are not here: IAM authorizes them
 * as themselves, dynamodb:BatchGetItem / dynamodb:BatchWriteItem on each table.)
 */
const PARTIQL: UndeterminedActions = {
  candidates: ["dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate"],
  why: "PartiQL statements are authorized by their verb (SELECT, INSERT, UPDATE, DELETE), and this usage row keeps no statement reduced to its verb and table",
  source: "DynamoDB Developer Guide, 'IAM security policies with PartiQL for DynamoDB'",
};

export const UNDETERMINED_ACTIONS: Readonly<Record<string, UndeterminedActions>> = {
  "apigateway:TagResource": {
    candidates: ["apigateway:POST", "apigateway:PUT"],
    why: "API Gateway v1 tags with PUT /tags/{resource_arn} and v2 with POST /v2/tags/{resource-arn}; both are logged as TagResource from apigateway.amazonaws.com and the event does not say which API was called",
    source: "API Gateway REST API Reference, TagResource (PUT); API Gateway V2 API Reference, Tags (POST); 'Control access for managing an API with IAM permissions': authorized by HTTP verb",
  },
  "dynamodb:BatchExecuteStatement": PARTIQL,
  "dynamodb:ExecuteStatement": PARTIQL,
  "dynamodb:ExecuteTransaction": PARTIQL,
  // The query text decides: SELECT ... FROM a table needs timestream:Select on it, SELECT without
  // FROM timestream:SelectValues, SHOW DATABASES / TABLES / MEASURES and DESCRIBE the List and
  // Describe actions; the engine keeps no reduced queryString for Timestream.
  "timestream:Query": {
    candidates: ["timestream:DescribeTable", "timestream:ListDatabases", "timestream:ListMeasures", "timestream:ListTables", "timestream:Select", "timestream:SelectValues"],
    why: "a Timestream query is authorized by its statement (SELECT ... FROM: Select on the table; SELECT without FROM: SelectValues; SHOW and DESCRIBE: the List and Describe actions), and this usage row keeps no statement",
    source: "Timestream Developer Guide, 'Query language reference' and 'How Amazon Timestream works with IAM'; SAR Amazon Timestream: Select ('select from a table'), SelectValues ('select values without a table')",
  },
  "dynamodb:TransactWriteItems": {
    candidates: ["dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    why: "each transaction item is a Put, Update, Delete or ConditionCheck, and this usage row keeps no item reduced to its kind and table",
    source: "DynamoDB Developer Guide, Using IAM with DynamoDB transactions",
  },
};

/**
 * Versioned operation names CloudTrail logs for some services: Lambda `GetFunction20150331v2`,
 * `ListVersionsByFunction20150331`, CloudFront `UpdateDistribution2016_11_25`. Source:
 * trailscraper `cloudtrail.py` and its record tests.
 */
const VERSION_SUFFIX = /(?:\d{8}|\d{4}_\d{2}_\d{2})(?:v\d+)?$/;

export function stripVersionSuffix(eventName: string): string {
  const stripped = eventName.replace(VERSION_SUFFIX, "");
  return stripped === "" ? eventName : stripped;
}

/** The actions an event needs and where they came from. */
export interface EventActions {
  readonly names: readonly string[]; // "prefix:Action", before the catalog checks they exist
  /** "event name", "event name without version suffix", or "exception table: <source>". */
  readonly via: string;
  /** Set when `names` are candidates the row cannot choose between. */
  readonly undetermined: UndeterminedActions | null;
  /** When only some of `names` are candidates (items of a call that could not be read), those. */
  readonly undeterminedNames?: readonly string[];
}

/**
 * An action a call needs besides its own only when its request says so: present when the
 * parameter `present` is, or unless `parameter` equals `value`.
 */
export interface ConditionalAction {
  readonly action: string;
  readonly present?: string;
  readonly unless?: { readonly parameter: string; readonly value: string };
  readonly source: string;
}

/** "prefix:eventName" -> actions added when the request parameters show they were needed. */
export const CONDITIONAL_ACTIONS: Readonly<Record<string, ConditionalAction>> = {
  "kms:CreateCustomKeyStore": {
    action: "cloudhsm:DescribeClusters",
    unless: { parameter: "customKeyStoreType", value: "EXTERNAL_KEY_STORE" },
    source: "KMS API Reference, CreateCustomKeyStore, Required permissions: cloudhsm:DescribeClusters for an AWS CloudHSM key store (the default type), not for an external key store",
  },
  "sqs:CreateQueue": {
    action: "sqs:TagQueue",
    present: "tags",
    source: "SQS API Reference, CreateQueue: to tag a queue on creation, you need sqs:CreateQueue and sqs:TagQueue",
  },
};

export function actionsFor(servicePrefix: string, eventName: string, parameters: UsageRow["parameters"] = {}): EventActions {
  const actions = actionsBeforeFeatures(servicePrefix, eventName, parameters);
  const rules = featureRulesFor(`${servicePrefix}:${stripVersionSuffix(eventName)}`, parameters);
  if (rules.length === 0 || actions.undetermined !== null) return actions;
  let names = [...actions.names];
  for (const rule of rules) {
    const at = rule.replaces === undefined ? -1 : names.indexOf(rule.replaces);
    if (at >= 0) names[at] = rule.needs;
    else if (!names.includes(rule.needs)) names.push(rule.needs);
  }
  names = [...new Set(names)];
  const features = rules.map((rule) => `${rule.when.filter((flag) => parameters[flag] === "true").join(", ")} -> ${rule.needs}: ${rule.source}`);
  return { ...actions, names, via: `${actions.via} + request features: ${features.join("; ")}` };
}

function actionsBeforeFeatures(servicePrefix: string, eventName: string, parameters: UsageRow["parameters"]): EventActions {
  const operation = stripVersionSuffix(eventName);
  const key = `${servicePrefix}:${operation}`;
  const items = itemsOf(key, parameters);
  if (items !== undefined) return itemActions(items);
  const exception = ACTION_EXCEPTIONS[key];
  if (exception !== undefined) return { names: exception.actions, via: `exception table: ${exception.source}`, undetermined: null };
  const undetermined = UNDETERMINED_ACTIONS[key];
  if (undetermined !== undefined) {
    return { names: undetermined.candidates, via: `undetermined (exception table: ${undetermined.source})`, undetermined };
  }
  const verb = servicePrefix === "apigateway" ? apigatewayVerb(operation) : undefined;
  if (verb !== undefined) return { names: [`apigateway:${verb.verb}`], via: verb.via, undetermined: null };
  const conditional = CONDITIONAL_ACTIONS[key];
  const own = operation === eventName ? "event name" : "event name without version suffix";
  if (conditional !== undefined && applies(conditional, parameters)) {
    return { names: [key, conditional.action], via: `${own} + conditional: ${conditional.source}`, undetermined: null };
  }
  return { names: [key], via: own, undetermined: null };
}

/** A call's actions from its items: each item's own, and the candidates for items that could not be read. */
function itemActions({ items, unread, call }: Items): EventActions {
  const names = [...new Set(items.map((item) => item.action))].sort();
  const via = `per item of the request: ${call.source}`;
  if (unread.length === 0) return { names, via, undetermined: null };
  const candidates = call.candidates.filter((name) => !names.includes(name));
  const undetermined: UndeterminedActions = {
    candidates,
    why: `${unread.length === 1 ? "an item of the request names" : `${unread.length} items of the request name`} no action and table tighten can read (a PartiQL statement other than SELECT/EXISTS ... FROM, INSERT INTO, UPDATE or DELETE FROM a table, or a transaction item without its kind or table)`,
    source: call.source,
  };
  return { names: [...names, ...candidates], via, undetermined, undeterminedNames: candidates };
}

function applies(conditional: ConditionalAction, parameters: UsageRow["parameters"]): boolean {
  if (conditional.present !== undefined) {
    const value = parameters[conditional.present];
    return value !== undefined && value !== "" && value !== "{}" && value !== "[]" && !(Array.isArray(value) && value.length === 0);
  }
  if (conditional.unless !== undefined) return parameters[conditional.unless.parameter] !== conditional.unless.value;
  return false;
}

/**
 * The "prefix:Action" names an event needs, before the catalog checks they exist; [] for calls
 * that need no permission.
 */
export function actionNamesFor(servicePrefix: string, eventName: string): readonly string[] {
  return actionsFor(servicePrefix, eventName).names;
}

/**
 * Every "prefix:Action" a call with this name may need, whatever its parameters: the actions and
 * any conditional one. For loading the catalog before the rows are mapped.
 */
export function possibleActionNamesFor(servicePrefix: string, eventName: string): readonly string[] {
  const call = `${servicePrefix}:${stripVersionSuffix(eventName)}`;
  const conditional = CONDITIONAL_ACTIONS[call];
  const names = [...actionNamesFor(servicePrefix, eventName), ...featureActionsOf(call)];
  return [...new Set(conditional === undefined ? names : [...names, conditional.action])];
}
