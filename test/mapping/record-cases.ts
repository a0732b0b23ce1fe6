import type { ResourceRef, UsageRow } from "../../src/engines/usage-row.js";
import { RESOURCES_NOT_IN_EVENT } from "../../src/mapping/action-resources.js";
import { DEPENDENT_ACTIONS, dependentRuleParameters } from "../../src/mapping/dependent-actions.js";
import { ROLE_PASSING_CALLS } from "../../src/mapping/passed-roles.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { servicePrefixOf } from "../../src/mapping/service-prefix.js";
import { objectKeys, usageRow } from "./fixtures.js";

/**
 * One CloudTrail record, as the engine hands it over (a UsageRow), and what it maps to. The rows
 * follow the record shapes in each service's "Logging ... with CloudTrail" page and API reference;
 * account 111122223333 is the caller's, 444455556666 another account.
 */
export interface RecordCase {
  readonly row: UsageRow;
  /** The actions explainRow names, in order (when only the action mapping is the point). */
  readonly actions?: readonly string[];
  /** [action, resource, how the resource was derived] for every granted pair. */
  readonly grants?: readonly (readonly [action: string, resource: string, via: string])[];
  /** [action, reason] of every Unmapped the row gives. */
  readonly unmapped?: readonly (readonly [action: string | null, reason: string])[];
}

export const A = "111122223333";
export const B = "444455556666";
const R = "eu-west-1";

function call(eventSource: string, eventName: string, parameters: UsageRow["parameters"] = {}, extra: Partial<UsageRow> = {}): UsageRow {
  return usageRow({ eventSource: `${eventSource}.amazonaws.com`, eventName, parameters, ...extra });
}

function resource(arn: string, type: string | null = null): ResourceRef {
  return { arn, type, accountId: arn.split(":")[4] || null };
}

const P = (name: string) => `requestParameters.${name}`;
const TASK_DEFINITION_ROLES =
  "the task definition's task and execution roles, when it has them (the event names the task definition, not its roles): grant iam:PassRole on them with iam:PassedToService ecs-tasks.amazonaws.com";
const RES = "resources[]";
const STAR = "no resource-level support (iam-data)";

// ---------------------------------------------------------------------------------------------
// SERVICE_PREFIX_EXCEPTIONS: one call per CloudTrail host whose IAM prefix differs.

export const SERVICE_PREFIX_CASES: readonly RecordCase[] = [
  { row: call("agreement-marketplace", "SearchAgreements"), actions: ["aws-marketplace:SearchAgreements"] },
  { row: call("amazonmq", "ListBrokers"), actions: ["mq:ListBrokers"] },
  { row: call("application-insights", "DescribeApplication"), actions: ["applicationinsights:DescribeApplication"] },
  { row: call("appstream2", "DescribeFleets"), actions: ["appstream:DescribeFleets"] },
  { row: call("billingconsole", "GetBillingPreferences"), actions: ["billing:GetBillingPreferences"] },
  { row: call("chime-sdk-media-pipelines", "ListMediaCapturePipelines"), actions: ["chime:ListMediaCapturePipelines"] },
  { row: call("chime-sdk-voice", "ListVoiceConnectors"), actions: ["chime:ListVoiceConnectors"] },
  { row: call("cloudcontrolapi", "ListResources"), actions: ["cloudformation:ListResources"] },
  {
    row: call("contact-lens", "ListRealtimeContactAnalysisSegments", {}, {
      resources: [resource(`arn:aws:connect:${R}:${A}:instance/1a2b/contact/3c4d`)],
    }),
    grants: [["connect:ListRealtimeContactAnalysisSegments", `arn:aws:connect:${R}:${A}:instance/1a2b/contact/3c4d`, RES]],
  },
  { row: call("discovery-marketplace", "SearchListings"), actions: ["aws-marketplace:SearchListings"] },
  { row: call("email", "GetIdentityVerificationAttributes"), grants: [["ses:GetIdentityVerificationAttributes", "*", STAR]] },
  { row: call("management-marketplace", "GetSellerVerificationDetails"), actions: ["aws-marketplace-management:GetSellerVerificationDetails"] },
  { row: call("marketplacecatalog", "ListEntities"), actions: ["aws-marketplace:ListEntities"] },
  { row: call("migrationhub", "ListMigrationTasks"), actions: ["mgh:ListMigrationTasks"] },
  { row: call("models.lex", "GetBots"), actions: ["lex:GetBots"] },
  {
    row: call("monitoring", "PutMetricData"),
    grants: [["cloudwatch:PutMetricData", "*", "optional resource types, none named: authorized against * (WILDCARD_WHEN_UNNAMED)"]],
  },
  { row: call("mturk-requester", "GetAccountBalance"), actions: ["mechanicalturk:GetAccountBalance"] },
  { row: call("opensearchservice", "DescribePackages"), actions: ["es:DescribePackages"] },
  // ConnectParticipant calls are authorized by a participant token, not IAM: the prefix maps, the action does not exist.
  {
    row: call("participant-connect", "CreateParticipantConnection"),
    unmapped: [["connect:CreateParticipantConnection", "iam-data has no action connect:CreateParticipantConnection"]],
  },
  { row: call("pinpoint", "GetApps"), actions: ["mobiletargeting:GetApps"] },
  { row: call("pricelist", "GetProducts"), actions: ["pricing:GetProducts"] },
  { row: call("qconnect", "ListAssistants"), actions: ["wisdom:ListAssistants"] },
  {
    row: call("rdsdata", "ExecuteStatement", {}, { resources: [resource(`arn:aws:rds:${R}:${A}:cluster:ledger`)] }),
    grants: [["rds-data:ExecuteStatement", `arn:aws:rds:${R}:${A}:cluster:ledger`, RES]],
  },
  { row: call("reporting-marketplace", "GetBuyerDashboard"), actions: ["aws-marketplace:GetBuyerDashboard"] },
  {
    row: call("runtime.lex", "RecognizeText", {}, { resources: [resource(`arn:aws:lex:${R}:${A}:bot-alias/BOT1/ALIAS1`)] }),
    grants: [["lex:RecognizeText", `arn:aws:lex:${R}:${A}:bot-alias/BOT1/ALIAS1`, RES]],
  },
  { row: call("servicecatalog-appregistry", "ListApplications"), actions: ["servicecatalog:ListApplications"] },
  { row: call("streams.dynamodb", "ListStreams"), grants: [["dynamodb:ListStreams", "*", STAR]] },
  { row: call("tagging", "GetResources"), grants: [["tag:GetResources", "*", STAR]] },
  { row: call("taxconsole", "GetTaxInterview"), actions: ["tax:GetTaxInterview"] },
  { row: call("transcribestreaming", "StartStreamTranscription"), grants: [["transcribe:StartStreamTranscription", "*", STAR]] },
];

// ---------------------------------------------------------------------------------------------
// ACTION_EXCEPTIONS and UNDETERMINED_ACTIONS: one call per row.

const BUCKET = "payments-data";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const TABLE = `arn:aws:dynamodb:${R}:${A}:table/orders`;
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY = `arn:aws:kms:${R}:${A}:key/${KEY_ID}`;
const OTHER_KEY = `arn:aws:kms:${R}:${B}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const QUEUE_URL = `https://sqs.${R}.amazonaws.com/${A}/jobs`;
const QUEUE = `arn:aws:sqs:${R}:${A}:jobs`;
const TOPIC = `arn:aws:sns:${R}:${A}:payment-events`;

/** A bucket configuration call: [CloudTrail eventName, the IAM action S3 authorizes it as]. */
const S3_BUCKET_CALLS: readonly (readonly [eventName: string, action: string])[] = [
  ["DeleteBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"],
  ["DeleteBucketCors", "s3:PutBucketCORS"],
  ["DeleteBucketEncryption", "s3:PutEncryptionConfiguration"],
  ["DeleteBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"],
  ["DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration"],
  ["DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"],
  ["DeleteBucketMetricsConfiguration", "s3:PutMetricsConfiguration"],
  ["DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"],
  ["DeleteBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
  ["DeleteBucketReplication", "s3:PutReplicationConfiguration"],
  ["DeleteBucketTagging", "s3:PutBucketTagging"],
  ["DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
  ["GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration"],
  ["GetBucketAnalyticsConfiguration", "s3:GetAnalyticsConfiguration"],
  ["GetBucketCors", "s3:GetBucketCORS"],
  ["GetBucketEncryption", "s3:GetEncryptionConfiguration"],
  ["GetBucketIntelligentTieringConfiguration", "s3:GetIntelligentTieringConfiguration"],
  ["GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration"],
  ["GetBucketLifecycle", "s3:GetLifecycleConfiguration"],
  ["GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"],
  ["GetBucketMetricsConfiguration", "s3:GetMetricsConfiguration"],
  ["GetBucketNotificationConfiguration", "s3:GetBucketNotification"],
  ["GetBucketReplication", "s3:GetReplicationConfiguration"],
  ["GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"],
  ["GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"],
  ["HeadBucket", "s3:ListBucket"],
  ["ListBucketAnalyticsConfigurations", "s3:GetAnalyticsConfiguration"],
  ["ListBucketIntelligentTieringConfigurations", "s3:GetIntelligentTieringConfiguration"],
  ["ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration"],
  ["ListBucketMetricsConfigurations", "s3:GetMetricsConfiguration"],
  ["ListMultipartUploads", "s3:ListBucketMultipartUploads"],
  ["ListObjectVersions", "s3:ListBucketVersions"],
  ["ListObjects", "s3:ListBucket"],
  ["ListObjectsV2", "s3:ListBucket"],
  ["PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration"],
  ["PutBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"],
  ["PutBucketCors", "s3:PutBucketCORS"],
  ["PutBucketEncryption", "s3:PutEncryptionConfiguration"],
  ["PutBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"],
  ["PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration"],
  ["PutBucketLifecycle", "s3:PutLifecycleConfiguration"],
  ["PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
  ["PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration"],
  ["PutBucketNotificationConfiguration", "s3:PutBucketNotification"],
  ["PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"],
  ["PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
];

/** An object call on one key: [CloudTrail eventName, the IAM action]. */
const S3_OBJECT_CALLS: readonly (readonly [eventName: string, action: string])[] = [
  ["CompleteMultipartUpload", "s3:PutObject"],
  ["CreateMultipartUpload", "s3:PutObject"],
  ["HeadObject", "s3:GetObject"],
  ["ListParts", "s3:ListMultipartUploadParts"],
  ["SelectObjectContent", "s3:GetObject"],
  ["UploadPart", "s3:PutObject"],
];

const s3 = (eventName: string, parameters: UsageRow["parameters"] = { bucketName: BUCKET }, extra: Partial<UsageRow> = {}) =>
  call("s3", eventName, parameters, extra);

export const ACTION_CASES: readonly RecordCase[] = [
  ...S3_BUCKET_CALLS.map(([eventName, action]): RecordCase => ({
    row: s3(eventName),
    grants: [[action, BUCKET_ARN, P("bucketName")]],
  })),
  ...S3_OBJECT_CALLS.map(([eventName, action]): RecordCase => ({
    row: s3(eventName, { bucketName: BUCKET }, { objectKeys: objectKeys(["exports/summary.csv"]) }),
    grants: [[action, `${BUCKET_ARN}/exports/summary.csv`, `${P("bucketName")} + object keys: 1 exact`]],
  })),
  { row: s3("ListBuckets", { Host: "s3.amazonaws.com" }), grants: [["s3:ListAllMyBuckets", "*", STAR]] },
  {
    row: s3("CopyObject", { bucketName: BUCKET, "x-amz-copy-source": "incoming/2026/01/" }, { objectKeys: objectKeys(["copies/a.csv"]) }),
    grants: [
      ["s3:GetObject", "arn:aws:s3:::incoming/2026/01/*", `${P("x-amz-copy-source")} (folder)`],
      ["s3:PutObject", `${BUCKET_ARN}/copies/a.csv`, `${P("bucketName")} + object keys: 1 exact`],
    ],
  },
  {
    // SDKs URL-encode the copy source and some send a leading "/".
    row: s3("UploadPartCopy", { bucketName: BUCKET, "x-amz-copy-source": "/incoming/q%201/" }, { objectKeys: objectKeys(["big.bin"]) }),
    grants: [
      ["s3:GetObject", "arn:aws:s3:::incoming/q 1/*", `${P("x-amz-copy-source")} (folder)`],
      ["s3:PutObject", `${BUCKET_ARN}/big.bin`, `${P("bucketName")} + object keys: 1 exact`],
    ],
  },
  {
    // CloudTrail logs DeleteObjects as `delete: ""` and the bucket; the keys are in the body.
    row: s3("DeleteObjects", { bucketName: BUCKET }, { resources: [resource(BUCKET_ARN, "AWS::S3::Bucket")] }),
    unmapped: [["s3:DeleteObject", "DeleteObjects names its keys in the request body, which CloudTrail does not log"]],
  },
  {
    row: call("dynamodb", "TransactGetItems", {}, { resources: [resource(TABLE, "AWS::DynamoDB::Table")] }),
    grants: [["dynamodb:GetItem", TABLE, RES]],
  },
  {
    row: call("dynamodb", "TransactWriteItems", {}, { resources: [resource(TABLE, "AWS::DynamoDB::Table")] }),
    unmapped: ["ConditionCheckItem", "DeleteItem", "PutItem", "UpdateItem"].map((item) => [
      `dynamodb:${item}`,
      `TransactWriteItems may need dynamodb:${item} (on ${TABLE}): each transaction item is a Put, Update, Delete or ConditionCheck, and this usage row keeps no item reduced to its kind and table`,
    ]),
  },
  // Items reduced by the engine to kind and table: each action on the tables of its own items.
  {
    row: call("dynamodb", "TransactWriteItems", { "requestItems[].tableName": ["ConditionCheck:ledger", "Put:orders", "Update:orders"] }, {
      resources: [resource(TABLE, "AWS::DynamoDB::Table"), resource(`arn:aws:dynamodb:${R}:${A}:table/ledger`, "AWS::DynamoDB::Table")],
    }),
    grants: [
      ["dynamodb:ConditionCheckItem", `arn:aws:dynamodb:${R}:${A}:table/ledger`, `items of the request (${P("requestItems[].tableName")})`],
      ["dynamodb:PutItem", TABLE, `items of the request (${P("requestItems[].tableName")})`],
      ["dynamodb:UpdateItem", TABLE, `items of the request (${P("requestItems[].tableName")})`],
    ],
  },
  {
    // The SDK's shape, {Delete: {tableName}}, another account's table by ARN.
    row: call("dynamodb", "TransactWriteItems", { "transactItems[].tableName": [`delete:arn:aws:dynamodb:${R}:${B}:table/shared`] }),
    grants: [["dynamodb:DeleteItem", `arn:aws:dynamodb:${R}:${B}:table/shared`, `items of the request (${P("transactItems[].tableName")})`]],
  },
  {
    row: call("dynamodb", "TransactGetItems", { "requestItems[].tableName": ["Get:orders", "Get:ledger"] }),
    grants: [
      ["dynamodb:GetItem", `arn:aws:dynamodb:${R}:${A}:table/ledger`, `items of the request (${P("requestItems[].tableName")})`],
      ["dynamodb:GetItem", TABLE, `items of the request (${P("requestItems[].tableName")})`],
    ],
  },
  {
    // An item without its kind: the rest is granted, the kinds it may be are reported.
    row: call("dynamodb", "TransactWriteItems", { "requestItems[].tableName": ["Put:orders", ":orders"] }),
    grants: [["dynamodb:PutItem", TABLE, `items of the request (${P("requestItems[].tableName")})`]],
    unmapped: ["ConditionCheckItem", "DeleteItem", "UpdateItem"].map((item) => [
      `dynamodb:${item}`,
      `TransactWriteItems may need dynamodb:${item}: an item of the request names no action and table tighten can read (a PartiQL statement other than SELECT/EXISTS ... FROM, INSERT INTO, UPDATE or DELETE FROM a table, or a transaction item without its kind or table)`,
    ]),
  },
  {
    row: call("kms", "ReEncrypt", { destinationKeyId: OTHER_KEY }, {
      resources: [resource(KEY, "AWS::KMS::Key"), resource(OTHER_KEY, "AWS::KMS::Key")],
    }),
    grants: [
      ["kms:ReEncryptFrom", KEY, "resources[] (not the destination key)"],
      ["kms:ReEncryptTo", OTHER_KEY, P("destinationKeyId")],
    ],
  },
  {
    row: call("lambda", "Invoke", { functionName: "settle" }, {
      resources: [resource(`arn:aws:lambda:${R}:${A}:function:settle`, "AWS::Lambda::Function")],
    }),
    grants: [["lambda:InvokeFunction", `arn:aws:lambda:${R}:${A}:function:settle`, RES]],
  },
  {
    row: call("lambda", "InvokeWithResponseStream", { functionName: "chat:live" }),
    grants: [["lambda:InvokeFunction", `arn:aws:lambda:${R}:${A}:function:chat:live`, P("functionName")]],
  },
  {
    row: call("secretsmanager", "BatchGetSecretValue", { secretIdList: ["prod/db", `arn:aws:secretsmanager:${R}:${B}:secret:shared-AbCdEf`] }),
    grants: [
      ["secretsmanager:BatchGetSecretValue", "*", STAR],
      ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`, P("secretIdList")],
      // a full ARN's random suffix becomes "??????" too (secretNames: any-suffix, the default)
      ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${B}:secret:shared-??????`, P("secretIdList")],
    ],
  },
  {
    // Secrets chosen by tag filters: which were read is in the response only, so any secret of the account and Region (scoped pattern).
    row: call("secretsmanager", "BatchGetSecretValue"),
    grants: [
      ["secretsmanager:BatchGetSecretValue", "*", STAR],
      [
        "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:*`,
        "scoped pattern: BatchGetSecretValue chose its secrets by filters (no secretIdList), any secret of the account and Region",
      ],
    ],
  },
  { row: call("sns", "PublishBatch", { topicArn: TOPIC }), grants: [["sns:Publish", TOPIC, P("topicArn")]] },
  { row: call("sqs", "ChangeMessageVisibilityBatch", { queueUrl: QUEUE_URL }), grants: [["sqs:ChangeMessageVisibility", QUEUE, P("queueUrl")]] },
  { row: call("sqs", "DeleteMessageBatch", { queueUrl: QUEUE_URL }), grants: [["sqs:DeleteMessage", QUEUE, P("queueUrl")]] },
  { row: call("sqs", "SendMessageBatch", { queueUrl: QUEUE_URL }), grants: [["sqs:SendMessage", QUEUE, P("queueUrl")]] },
  { row: call("sts", "GetCallerIdentity"), actions: [], grants: [] },
  { row: call("sts", "GetSessionToken", {}, { principalType: "IAMUser", principal: `arn:aws:iam::${A}:user/alice` }), actions: [], grants: [] },
  { row: call("signin", "ConsoleLogin", {}, { principalType: "IAMUser", principal: `arn:aws:iam::${A}:user/alice` }), actions: [], grants: [] },
  { row: s3("DeleteAccountPublicAccessBlock", { Host: `${A}.s3-control.${R}.amazonaws.com` }), grants: [["s3:PutAccountPublicAccessBlock", "*", STAR]] },
  { row: s3("WriteGetObjectResponse"), actions: ["s3-object-lambda:WriteGetObjectResponse"] },
  { row: call("lambda", "GetLayerVersionByArn"), actions: ["lambda:GetLayerVersion"] },
  {
    row: call("kms", "ReplicateKey", { keyId: KEY_ID }),
    grants: [
      ["kms:CreateKey", "*", STAR],
      ["kms:ReplicateKey", KEY, P("keyId")],
    ],
  },
  ...["BatchExecuteStatement", "ExecuteStatement", "ExecuteTransaction"].map((eventName): RecordCase => ({
    row: call("dynamodb", eventName, {}, { resources: [resource(TABLE, "AWS::DynamoDB::Table")] }),
    unmapped: ["Delete", "Insert", "Select", "Update"].map((verb) => [
      `dynamodb:PartiQL${verb}`,
      `${eventName} may need dynamodb:PartiQL${verb} (on ${TABLE}): PartiQL statements are authorized by their verb (SELECT, INSERT, UPDATE, DELETE), and this usage row keeps no statement reduced to its verb and table`,
    ]),
  })),
  // Statements reduced by the engine to verb and target (item-actions.ts PARTIQL_REDUCTION).
  {
    row: call("dynamodb", "ExecuteStatement", { "statement~": ['SELECT "orders"."byDate"'] }),
    grants: [["dynamodb:PartiQLSelect", `${TABLE}/index/*`, `items of the request (${P("statement~")}) (any index: dynamodbIndexes any-index)`]],
  },
  {
    row: call("dynamodb", "ExecuteTransaction", { "transactStatements[].statement~": ['EXISTS "ledger"', "UPDATE orders", 'DELETE "orders"'] }),
    grants: [
      ["dynamodb:PartiQLDelete", TABLE, `items of the request (${P("transactStatements[].statement~")})`],
      ["dynamodb:PartiQLSelect", `arn:aws:dynamodb:${R}:${A}:table/ledger`, `items of the request (${P("transactStatements[].statement~")})`],
      ["dynamodb:PartiQLUpdate", TABLE, `items of the request (${P("transactStatements[].statement~")})`],
    ],
  },
  {
    // "(unread)": a statement the engine could not reduce. The readable one is granted; the verbs the other may have are reported.
    row: call("dynamodb", "BatchExecuteStatement", { "statements[].statement~": ['INSERT "orders"', "(unread)"], "requestItems[].statement~": ['INSERT "orders"'] }),
    grants: [["dynamodb:PartiQLInsert", TABLE, `items of the request (${P("statements[].statement~")}, ${P("requestItems[].statement~")})`]],
    unmapped: ["Delete", "Select", "Update"].map((verb) => [
      `dynamodb:PartiQL${verb}`,
      `BatchExecuteStatement may need dynamodb:PartiQL${verb}: an item of the request names no action and table tighten can read (a PartiQL statement other than SELECT/EXISTS ... FROM, INSERT INTO, UPDATE or DELETE FROM a table, or a transaction item without its kind or table)`,
    ]),
  },
  // CONDITIONAL_ACTIONS: the extra action only when the request shows it was needed.
  {
    row: call("sqs", "CreateQueue", { queueName: "jobs", tags: '{"team":"payments"}' }),
    grants: [
      ["sqs:CreateQueue", QUEUE, P("queueName")],
      ["sqs:TagQueue", QUEUE, P("queueName")],
    ],
  },
  { row: call("sqs", "CreateQueue", { queueName: "jobs" }), grants: [["sqs:CreateQueue", QUEUE, P("queueName")]] },
  {
    row: call("kms", "CreateCustomKeyStore"),
    grants: [
      ["cloudhsm:DescribeClusters", "*", STAR],
      ["kms:CreateCustomKeyStore", "*", STAR],
    ],
  },
  { row: call("kms", "CreateCustomKeyStore", { customKeyStoreType: "EXTERNAL_KEY_STORE" }), grants: [["kms:CreateCustomKeyStore", "*", STAR]] },
];

// ---------------------------------------------------------------------------------------------
// ARN builders: every way each one reads a resource.

const STREAM = `arn:aws:kinesis:${R}:${A}:stream/clicks`;
const BUS = (account: string, name: string) => `arn:aws:events:${R}:${account}:event-bus/${name}`;
const MACHINE = `arn:aws:states:${R}:${A}:stateMachine:settle`;
const ECS = (resource: string, account = A) => `arn:aws:ecs:${R}:${account}:${resource}`;
const SES = (resource: string) => `arn:aws:ses:${R}:${A}:${resource}`;
const PARAMETER = (name: string, account = A) => `arn:aws:ssm:${R}:${account}:parameter/${name}`;
const GROUP = `arn:aws:logs:${R}:${A}:log-group:/ecs/payments`;
const AP = `arn:aws:s3:${R}:${A}:accesspoint/reports`;
const V2_SEND = `${P("configurationSetName")} + ${P("fromEmailAddress")} (the address identity, or its domain's)`;
const V1_RAW = `${P("configurationSetName")} + ${P("source")} (the address identity, or its domain's)`;

export const ARN_CASES: readonly RecordCase[] = [
  // DynamoDB
  { row: call("dynamodb", "GetItem", { tableName: "orders" }), grants: [["dynamodb:GetItem", TABLE, P("tableName")]] },
  {
    row: call("dynamodb", "PutItem", { tableName: `arn:aws:dynamodb:${R}:${B}:table/rates` }),
    grants: [["dynamodb:PutItem", `arn:aws:dynamodb:${R}:${B}:table/rates`, P("tableName")]],
  },
  {
    row: call("dynamodb", "Query", { tableName: "orders", indexName: "by-customer" }, { resources: [resource(TABLE, "AWS::DynamoDB::Table")] }),
    grants: [["dynamodb:Query", `${TABLE}/index/*`, `${RES} + ${P("indexName")} (any index: dynamodbIndexes any-index)`]],
  },
  {
    // Batch calls are authorized as themselves on each table CloudTrail lists (DynamoDB API permissions reference).
    row: call("dynamodb", "BatchWriteItem", {}, {
      resources: [resource(TABLE, "AWS::DynamoDB::Table"), resource(`arn:aws:dynamodb:${R}:${B}:table/rates`, "AWS::DynamoDB::Table")],
    }),
    grants: [
      ["dynamodb:BatchWriteItem", TABLE, RES],
      ["dynamodb:BatchWriteItem", `arn:aws:dynamodb:${R}:${B}:table/rates`, RES],
    ],
  },
  {
    row: call("streams.dynamodb", "GetShardIterator", { streamArn: `${TABLE}/stream/2026-01-01T00:00:00.000` }),
    grants: [["dynamodb:GetShardIterator", `${TABLE}/stream/2026-01-01T00:00:00.000`, P("streamArn")]],
  },
  {
    // GetRecords names only a shard iterator; the stream is in resources[].
    row: call("streams.dynamodb", "GetRecords", {}, { resources: [resource(`${TABLE}/stream/2026-01-01T00:00:00.000`)] }),
    grants: [["dynamodb:GetRecords", `${TABLE}/stream/2026-01-01T00:00:00.000`, RES]],
  },
  // S3, beyond the exception rows
  {
    row: s3("GetObject", { bucketName: BUCKET }, { objectKeys: objectKeys(Array.from({ length: 30 }, (_, i) => `in/2026/${i}.csv`)) }),
    grants: [["s3:GetObject", `${BUCKET_ARN}/in/*`, `${P("bucketName")} + object keys: 1 pattern of 30 names (shape)`]],
  },
  {
    row: s3("GetBucketAcl", {}, { resources: [resource("arn:aws:s3:::logs-bucket", "AWS::S3::Bucket")] }),
    grants: [["s3:GetBucketAcl", "arn:aws:s3:::logs-bucket", RES]],
  },
  {
    row: s3("PutObject", { bucketName: BUCKET }, { region: "cn-north-1", objectKeys: objectKeys(["a"]) }),
    grants: [["s3:PutObject", "arn:aws-cn:s3:::payments-data/a", `${P("bucketName")} + object keys: 1 exact`]],
  },
  {
    // Through an access point, CloudTrail lists the access point next to the bucket and object.
    row: s3("GetObject", { bucketName: "reports-abc123-s3alias" }, {
      objectKeys: objectKeys(["q1.pdf"]),
      resources: [resource(BUCKET_ARN, "AWS::S3::Bucket"), resource(AP, "AWS::S3::AccessPoint")],
    }),
    grants: [["s3:GetObject", `${AP}/object/q1.pdf`, `${RES} + object keys: 1 exact`]],
  },
  { row: s3("ListObjectsV2", { bucketName: AP }), grants: [["s3:ListBucket", AP, P("bucketName")]] },
  {
    row: s3("GetObject", { bucketName: "reports-abc123-s3alias" }, { objectKeys: objectKeys(["q1.pdf"]) }),
    unmapped: [
      [
        "s3:GetObject",
        "the call went through access point alias reports-abc123-s3alias; policies name access points by ARN, which the event does not give",
      ],
    ],
  },
  {
    row: s3("CopyObject", { bucketName: BUCKET, "x-amz-copy-source": `${AP}/object/2026/` }, { objectKeys: objectKeys(["c"]) }),
    grants: [
      ["s3:GetObject", `${AP}/object/2026/*`, `${P("x-amz-copy-source")} (folder)`],
      ["s3:PutObject", `${BUCKET_ARN}/c`, `${P("bucketName")} + object keys: 1 exact`],
    ],
  },
  // SSM: with and without a leading "/", the ARN has one "/" after "parameter".
  { row: call("ssm", "GetParameter", { name: "x" }), grants: [["ssm:GetParameter", PARAMETER("x"), P("name")]] },
  { row: call("ssm", "GetParameter", { name: "/x" }), grants: [["ssm:GetParameter", PARAMETER("x"), P("name")]] },
  {
    row: call("ssm", "GetParameters", { names: ["/payments/db-url", "feature-flags:3", `arn:aws:ssm:${R}:${B}:parameter/shared/endpoint:prod`] }),
    grants: [
      ["ssm:GetParameters", PARAMETER("feature-flags"), P("names")],
      ["ssm:GetParameters", PARAMETER("payments/db-url"), P("names")],
      ["ssm:GetParameters", PARAMETER("shared/endpoint", B), P("names")],
    ],
  },
  {
    row: call("ssm", "GetParametersByPath", { path: "/payments/prod" }),
    grants: [["ssm:GetParametersByPath", PARAMETER("payments/prod"), P("path")]],
  },
  {
    row: call("ssm", "DeleteParameter", {}, { resources: [resource(PARAMETER("old"))] }),
    grants: [["ssm:DeleteParameter", PARAMETER("old"), RES]],
  },
  // KMS: by key id, key ARN, alias (key from resources[]), on the role's behalf.
  { row: call("kms", "DescribeKey", { keyId: KEY_ID }), grants: [["kms:DescribeKey", KEY, P("keyId")]] },
  { row: call("kms", "Encrypt", { keyId: OTHER_KEY }), grants: [["kms:Encrypt", OTHER_KEY, P("keyId")]] },
  {
    row: call("kms", "GenerateDataKey", { keyId: "alias/aws/secretsmanager" }, { resources: [resource(KEY, "AWS::KMS::Key")] }),
    grants: [["kms:GenerateDataKey", KEY, RES]],
  },
  {
    row: call("kms", "Decrypt", {}, { invokedBy: "s3.amazonaws.com", resources: [resource(KEY, "AWS::KMS::Key")] }),
    grants: [["kms:Decrypt", KEY, RES]],
  },
  {
    row: call("kms", "Encrypt", { keyId: `arn:aws:kms:${R}:${A}:alias/payments` }),
    unmapped: [["kms:Encrypt", "the event names the key only by alias, or not at all"]],
  },
  {
    row: call("kms", "ReEncrypt", { sourceKeyId: KEY_ID, destinationKeyId: OTHER_KEY }),
    grants: [
      ["kms:ReEncryptFrom", KEY, P("sourceKeyId")],
      ["kms:ReEncryptTo", OTHER_KEY, P("destinationKeyId")],
    ],
  },
  {
    row: call("kms", "CreateAlias", { aliasName: "alias/payments", targetKeyId: KEY_ID }),
    grants: [
      ["kms:CreateAlias", `arn:aws:kms:${R}:${A}:alias/payments`, `${P("aliasName")} + ${P("targetKeyId")}`],
      ["kms:CreateAlias", KEY, `${P("aliasName")} + ${P("targetKeyId")}`],
    ],
  },
  // Lambda: name, partial ARN, qualified ARN.
  {
    row: call("lambda", "GetFunction20150331v2", { functionName: `${B}:function:fx` }),
    grants: [["lambda:GetFunction", `arn:aws:lambda:${R}:${B}:function:fx`, P("functionName")]],
  },
  {
    row: call("lambda", "Invoke", { functionName: `arn:aws:lambda:${R}:${A}:function:settle:3` }),
    // A numbered version is a new one with every publish: any version of the function.
    grants: [["lambda:InvokeFunction", `arn:aws:lambda:${R}:${A}:function:settle:*`, `${P("functionName")} (a numbered version: any version)`]],
  },
  // Kinesis and Firehose
  { row: call("kinesis", "PutRecord", { streamName: "clicks" }), grants: [["kinesis:PutRecord", STREAM, P("streamName")]] },
  { row: call("kinesis", "PutRecords", { streamARN: STREAM }), grants: [["kinesis:PutRecords", STREAM, P("streamARN")]] },
  { row: call("kinesis", "GetRecords", {}, { resources: [resource(STREAM, "AWS::Kinesis::Stream")] }), grants: [["kinesis:GetRecords", STREAM, RES]] },
  { row: call("kinesis", "GetRecords"), unmapped: [["kinesis:GetRecords", "the event names no stream"]] },
  {
    row: call("kinesis", "SubscribeToShard", { consumerARN: `${STREAM}/consumer/app:1700000000` }),
    grants: [["kinesis:SubscribeToShard", `${STREAM}/consumer/app:1700000000`, P("consumerARN")]],
  },
  {
    row: call("firehose", "PutRecordBatch", { deliveryStreamName: "events-to-s3" }),
    grants: [["firehose:PutRecordBatch", `arn:aws:firehose:${R}:${A}:deliverystream/events-to-s3`, P("deliveryStreamName")]],
  },
  // EventBridge
  { row: call("events", "PutEvents", {}, { resources: [resource(BUS(A, "orders"))] }), grants: [["events:PutEvents", BUS(A, "orders"), RES]] },
  {
    row: call("events", "PutEvents"),
    unmapped: [["events:PutEvents", "PutEvents names its bus in each entry (entries[].eventBusName, the default bus when absent), which this usage row does not keep"]],
  },
  {
    // "": an entry that names no bus goes to the default bus.
    row: call("events", "PutEvents", { "entries[].eventBusName": ["", "orders", BUS(B, "shared")] }),
    grants: [
      ["events:PutEvents", BUS(A, "default"), `${P("entries[].eventBusName")} (no name: the default bus)`],
      ["events:PutEvents", BUS(A, "orders"), `${P("entries[].eventBusName")} (no name: the default bus)`],
      ["events:PutEvents", BUS(B, "shared"), `${P("entries[].eventBusName")} (no name: the default bus)`],
    ],
  },
  { row: call("events", "DescribeEventBus", { name: "orders" }), grants: [["events:DescribeEventBus", BUS(A, "orders"), P("name")]] },
  { row: call("events", "DescribeEventBus"), grants: [["events:DescribeEventBus", BUS(A, "default"), "default event bus (none named)"]] },
  {
    row: call("events", "PutRule", { name: "nightly", eventBusName: BUS(B, "shared") }),
    grants: [["events:PutRule", `arn:aws:events:${R}:${B}:rule/shared/nightly`, `${P("name")} + ${P("eventBusName")}`]],
  },
  { row: call("events", "PutTargets", { rule: "nightly" }), grants: [["events:PutTargets", `arn:aws:events:${R}:${A}:rule/nightly`, P("rule")]] },
  // Step Functions
  { row: call("states", "StartExecution", { stateMachineArn: MACHINE }), grants: [["states:StartExecution", MACHINE, P("stateMachineArn")]] },
  {
    row: call("states", "DescribeExecution", { executionArn: `arn:aws:states:${R}:${A}:execution:settle:7f0e` }),
    grants: [["states:DescribeExecution", `arn:aws:states:${R}:${A}:execution:settle:*`, `${P("executionArn")} (every execution of its state machine)`]],
  },
  {
    row: call("states", "StopExecution", { executionArn: `arn:aws:states:${R}:${A}:execution:settle:` }),
    grants: [["states:StopExecution", `arn:aws:states:${R}:${A}:execution:settle:*`, `${P("executionArn")} (every execution of its state machine)`]],
  },
  {
    row: call("states", "GetExecutionHistory"),
    unmapped: [["states:GetExecutionHistory", "the event names no executionArn"]],
  },
  {
    row: call("states", "GetActivityTask", { activityArn: `arn:aws:states:${R}:${A}:activity:review` }),
    grants: [["states:GetActivityTask", `arn:aws:states:${R}:${A}:activity:review`, P("activityArn")]],
  },
  { row: call("states", "SendTaskSuccess"), grants: [["states:SendTaskSuccess", "*", STAR]] },
  // ECS
  {
    row: call("ecs", "RunTask", { cluster: "main", taskDefinition: "payments-api:42" }),
    grants: [["ecs:RunTask", ECS("task-definition/payments-api:*"), `${P("taskDefinition")} (every revision)`]],
    unmapped: [["iam:PassRole", `RunTask also passes ${TASK_DEFINITION_ROLES}`]],
  },
  {
    row: call("ecs", "RegisterTaskDefinition", { family: "payments-api" }),
    grants: [["ecs:RegisterTaskDefinition", ECS("task-definition/payments-api:*"), `${P("family")} (every revision)`]],
  },
  {
    row: call("ecs", "UpdateService", { cluster: ECS("cluster/main", B), service: "api" }),
    grants: [["ecs:UpdateService", ECS("service/main/api", B), `${P("service")} + ${P("cluster")}`]],
  },
  {
    row: call("ecs", "DescribeServices", { cluster: "main", services: ["api", ECS("service/main/worker")] }),
    grants: [
      ["ecs:DescribeServices", ECS("service/main/api"), `${P("services")} + ${P("cluster")}`],
      ["ecs:DescribeServices", ECS("service/main/worker"), `${P("services")} + ${P("cluster")}`],
    ],
  },
  {
    row: call("ecs", "CreateService", { serviceName: "api" }),
    grants: [["ecs:CreateService", ECS("service/default/api"), `${P("serviceName")} + default cluster (none named)`]],
    unmapped: [["iam:PassRole", `CreateService also passes ${TASK_DEFINITION_ROLES}`]],
  },
  { row: call("ecs", "StopTask"), grants: [["ecs:StopTask", ECS("task/default/*"), "default cluster (none named) (every task of the cluster)"]] },
  { row: call("ecs", "DescribeClusters", { clusters: ["main"] }), grants: [["ecs:DescribeClusters", ECS("cluster/main"), P("clusters")]] },
  {
    row: call("ecs", "ExecuteCommand", { cluster: "main" }),
    grants: [
      ["ecs:ExecuteCommand", ECS("cluster/main"), `${P("cluster")} + ${P("cluster")} (every task of the cluster)`],
      ["ecs:ExecuteCommand", ECS("task/main/*"), `${P("cluster")} + ${P("cluster")} (every task of the cluster)`],
    ],
  },
  // SES: v1 (email.amazonaws.com) and v2 (ses.amazonaws.com)
  {
    row: call("email", "SendRawEmail", { source: "billing@example.com", configurationSetName: "tracked" }),
    grants: [
      ["ses:SendRawEmail", SES("configuration-set/tracked"), V1_RAW],
      ["ses:SendRawEmail", SES("identity/billing@example.com"), V1_RAW],
      ["ses:SendRawEmail", SES("identity/example.com"), V1_RAW],
    ],
  },
  {
    row: call("ses", "SendEmail", { fromEmailAddressIdentityArn: SES("identity/example.com"), fromEmailAddress: "billing@example.com" }),
    grants: [["ses:SendEmail", SES("identity/example.com"), P("fromEmailAddressIdentityArn")]],
  },
  {
    row: call("email", "SendEmail", { source: "Payments <billing@example.com>" }),
    grants: [
      ["ses:SendEmail", SES("identity/billing@example.com"), `${P("source")} (the address identity, or its domain's)`],
      ["ses:SendEmail", SES("identity/example.com"), `${P("source")} (the address identity, or its domain's)`],
    ],
  },
  {
    row: call("email", "SendRawEmail", { sourceArn: SES("identity/example.com") }),
    grants: [["ses:SendRawEmail", SES("identity/example.com"), P("sourceArn")]],
  },
  {
    row: call("ses", "SendEmail", { fromEmailAddress: "billing@example.com", configurationSetName: "tracked" }),
    grants: [
      ["ses:SendEmail", SES("configuration-set/tracked"), V2_SEND],
      ["ses:SendEmail", SES("identity/billing@example.com"), V2_SEND],
      ["ses:SendEmail", SES("identity/example.com"), V2_SEND],
    ],
  },
  {
    row: call("email", "SendTemplatedEmail", { source: "billing@example.com", template: "receipt" }),
    grants: [
      ["ses:SendTemplatedEmail", SES("identity/billing@example.com"), `${P("source")} (the address identity, or its domain's) + ${P("template")}`],
      ["ses:SendTemplatedEmail", SES("identity/example.com"), `${P("source")} (the address identity, or its domain's) + ${P("template")}`],
      ["ses:SendTemplatedEmail", SES("template/receipt"), `${P("source")} (the address identity, or its domain's) + ${P("template")}`],
    ],
  },
  { row: call("ses", "GetEmailIdentity", { emailIdentity: "example.com" }), grants: [["ses:GetEmailIdentity", SES("identity/example.com"), P("emailIdentity")]] },
  // STS
  {
    row: call("sts", "AssumeRole", { roleArn: `arn:aws:iam::${B}:role/shared/reporting-reader` }),
    grants: [["sts:AssumeRole", `arn:aws:iam::${B}:role/shared/reporting-reader`, P("roleArn")]],
  },
  {
    row: call("sts", "GetFederationToken", { name: "batch-export" }),
    grants: [["sts:GetFederationToken", `arn:aws:sts::${A}:federated-user/batch-export`, P("name")]],
  },
  {
    row: call("sts", "AssumeRoleWithWebIdentity", {}, { resources: [resource(`arn:aws:iam::${A}:role/ci`, "AWS::IAM::Role")] }),
    grants: [["sts:AssumeRoleWithWebIdentity", `arn:aws:iam::${A}:role/ci`, RES]],
  },
  // SQS, SNS, Secrets Manager, CloudWatch Logs, ECR
  {
    row: call("sqs", "GetQueueUrl", { queueName: "jobs", queueOwnerAWSAccountId: B }),
    grants: [["sqs:GetQueueUrl", `arn:aws:sqs:${R}:${B}:jobs`, P("queueName + queueOwnerAWSAccountId")]],
  },
  { row: call("sqs", "ReceiveMessage", {}, { resources: [resource(QUEUE)] }), grants: [["sqs:ReceiveMessage", QUEUE, RES]] },
  { row: call("sns", "Publish", { targetArn: TOPIC }), grants: [["sns:Publish", TOPIC, P("targetArn")]] },
  { row: call("sns", "CreateTopic", { name: "payment-events" }), grants: [["sns:CreateTopic", TOPIC, P("name")]] },
  { row: call("sns", "Subscribe", {}, { resources: [resource(TOPIC)] }), grants: [["sns:Subscribe", TOPIC, RES]] },
  {
    row: call("secretsmanager", "GetSecretValue", { secretId: "prod/db" }),
    grants: [["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`, P("secretId")]],
  },
  {
    row: call("secretsmanager", "CreateSecret", { name: "prod/new" }),
    grants: [["secretsmanager:CreateSecret", `arn:aws:secretsmanager:${R}:${A}:secret:prod/new-??????`, P("name")]],
  },
  { row: call("logs", "CreateLogGroup", { logGroupName: "/ecs/payments" }), grants: [["logs:CreateLogGroup", GROUP, P("logGroupName")]] },
  {
    row: call("logs", "PutLogEvents", { logGroupName: "/ecs/payments" }, { objectKeys: objectKeys(["ecs/api/1a2b", "ecs/api/3c4d"]) }),
    grants: [["logs:PutLogEvents", `${GROUP}:*`, `${P("logGroupName")} + log streams: any stream of the group (logStreams: log-group)`]],
  },
  {
    row: call("logs", "StartQuery", { logGroupIdentifier: `arn:aws:logs:${R}:${B}:log-group:shared:*` }),
    grants: [["logs:StartQuery", `arn:aws:logs:${R}:${B}:log-group:shared`, P("logGroupIdentifier")]],
  },
  {
    row: call("ecr", "BatchGetImage", { repositoryName: "base/node", registryId: B }),
    grants: [["ecr:BatchGetImage", `arn:aws:ecr:${R}:${B}:repository/base/node`, P("repositoryName + registryId")]],
  },
  {
    row: call("ecr", "GetDownloadUrlForLayer", {}, { resources: [resource(`arn:aws:ecr:${R}:${A}:repository/payments/api`)] }),
    grants: [["ecr:GetDownloadUrlForLayer", `arn:aws:ecr:${R}:${A}:repository/payments/api`, RES]],
  },
  // Services without a builder: resources[] entries of the action's resource types.
  {
    row: call("ec2", "StopInstances", {}, {
      resources: [resource(`arn:aws:ec2:${R}:${A}:instance/i-0abc`, "AWS::EC2::Instance"), resource(ECS("cluster/main"))],
    }),
    grants: [["ec2:StopInstances", `arn:aws:ec2:${R}:${A}:instance/i-0abc`, RES]],
  },
  // WILDCARD_WHEN_UNNAMED
  ...["GetMetricData", "ListMetrics"].map((eventName): RecordCase => ({
    row: call("monitoring", eventName),
    grants: [[`cloudwatch:${eventName}`, "*", "optional resource types, none named: authorized against * (WILDCARD_WHEN_UNNAMED)"]],
  })),
];

// ---------------------------------------------------------------------------------------------
// PARAMETER_ARN_ROWS: the table-driven builder, one call per row (arns/parameter-arn-table.ts).

const IAM_ARN = (resource: string, account = A) => `arn:aws:iam::${account}:${resource}`;
/** One id of each prefix EC2's tagging calls name: [id, resource type]. */
const EC2_IDS = [
  ["i-01", "instance"], ["vol-02", "volume"], ["snap-03", "snapshot"], ["ami-04", "image"], ["sg-05", "security-group"], ["subnet-06", "subnet"],
  ["vpc-07", "vpc"], ["eni-08", "network-interface"], ["rtb-09", "route-table"], ["igw-10", "internet-gateway"], ["nat-11", "natgateway"],
  ["eipalloc-12", "elastic-ip"], ["acl-13", "network-acl"], ["lt-14", "launch-template"], ["vpce-15", "vpc-endpoint"], ["dopt-16", "dhcp-options"],
] as const;
const SCOPED = "scoped pattern: the request names none, so any of the type in the account and Region";
const EC2_ARN = (resource: string) => `arn:aws:ec2:${R}:${A}:${resource}`;
const RDS_ARN = (resource: string) => `arn:aws:rds:${R}:${A}:${resource}`;
const SSM_ARN = (resource: string, account = A) => `arn:aws:ssm:${R}:${account}:${resource}`;
const TRAIL = (name: string, account = A) => `arn:aws:cloudtrail:${R}:${account}:trail/${name}`;
const ELB = (resource: string) => `arn:aws:elasticloadbalancing:${R}:${A}:${resource}`;
const CREATED = "created by the call (its id is not known before it)";
const ALICE = IAM_ARN("user/ops/alice");
const json = (value: unknown) => JSON.stringify(value);
/** The same grant on a name at the root path and at any other (IAM calls that log names without paths). */
const anyPath = (action: string, kind: string, name: string, via: string) =>
  [[action, IAM_ARN(`${kind}/${name}`), via], [action, IAM_ARN(`${kind}/*/${name}`), via]] as const;

const GLUE = (resource: string, account = A) => `arn:aws:glue:${R}:${account}:${resource}`;

export const PARAMETER_ARN_CASES: readonly RecordCase[] = [
  // Glue Data Catalog: catalog, database and table together (glue-arns.ts).
  {
    row: call("glue", "GetTable", { databaseName: "sales", name: "orders" }),
    grants: [GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/orders")].map((arn) => [
      "glue:GetTable", arn, `${P("databaseName")} + the account's Data Catalog + ${P("name")}`,
    ] as const),
  },
  {
    row: call("glue", "GetPartitions", { catalogId: B, databaseName: "sales", tableName: "orders" }),
    grants: [GLUE("catalog", B), GLUE("database/sales", B), GLUE("table/sales/orders", B)].map((arn) => [
      "glue:GetPartitions", arn, `${P("databaseName")} + ${P("catalogId")} + ${P("tableName")}`,
    ] as const),
  },
  {
    row: call("glue", "CreateTable", { databaseName: "sales", "tableInput.name": "returns" }),
    grants: [GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/returns")].map((arn) => [
      "glue:CreateTable", arn, `${P("databaseName")} + the account's Data Catalog + ${P("tableInput.name")}`,
    ] as const),
  },
  {
    row: call("glue", "GetTables", { databaseName: "sales" }),
    grants: [GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/*")].map((arn) => [
      "glue:GetTables", arn, `${P("databaseName")} + the account's Data Catalog + every table of the database (the call lists them)`,
    ] as const),
  },
  {
    row: call("glue", "GetDatabase", { name: "sales" }),
    grants: [GLUE("catalog"), GLUE("database/sales")].map((arn) => ["glue:GetDatabase", arn, `${P("name")} + the account's Data Catalog`] as const),
  },
  {
    row: call("glue", "CreateDatabase", { "databaseInput.name": "staging" }),
    grants: [GLUE("catalog"), GLUE("database/staging")].map((arn) => ["glue:CreateDatabase", arn, `${P("databaseInput.name")} + the account's Data Catalog`] as const),
  },
  { row: call("glue", "GetTable", { name: "orders" }), unmapped: [["glue:GetTable", "the event names no Glue database"]] },
  // Bedrock: a foundation model (no account), a system inference profile (and its model in the Regions it routes to), or an ARN.
  {
    row: call("bedrock", "InvokeModel", { modelId: "amazon.titan-embed-text-v2:0" }),
    grants: [["bedrock:InvokeModel", `arn:aws:bedrock:${R}::foundation-model/amazon.titan-embed-text-v2:0`, P("modelId")]],
  },
  {
    row: call("bedrock", "InvokeModelWithResponseStream", { modelId: "eu.anthropic.claude-3-5-sonnet-20240620-v1:0" }),
    grants: [
      `arn:aws:bedrock:${R}:${A}:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0`,
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
    ].map((arn) => [
      "bedrock:InvokeModelWithResponseStream", arn, `${P("modelId")} (a system inference profile: the profile, and its model in the Regions it routes to)`,
    ] as const),
  },
  {
    row: call("bedrock", "InvokeModel", { modelId: `arn:aws:bedrock:${R}:${A}:provisioned-model/abc123` }),
    grants: [["bedrock:InvokeModel", `arn:aws:bedrock:${R}:${A}:provisioned-model/abc123`, P("modelId")]],
  },
  // SES v1's sending calls logged under ses.amazonaws.com read as under email.amazonaws.com.
  {
    row: call("ses", "SendTemplatedEmail", { source: "Billing <billing@example.com>", template: "invoice" }),
    grants: [
      ["ses:SendTemplatedEmail", `arn:aws:ses:${R}:${A}:identity/billing@example.com`, `${P("source")} (the address identity, or its domain's) + ${P("template")}`],
      ["ses:SendTemplatedEmail", `arn:aws:ses:${R}:${A}:identity/example.com`, `${P("source")} (the address identity, or its domain's) + ${P("template")}`],
      ["ses:SendTemplatedEmail", `arn:aws:ses:${R}:${A}:template/invoice`, `${P("source")} (the address identity, or its domain's) + ${P("template")}`],
    ],
  },
  {
    row: call("ses", "SendRawEmail", { sourceArn: `arn:aws:ses:${R}:${B}:identity/example.com` }),
    grants: [["ses:SendRawEmail", `arn:aws:ses:${R}:${B}:identity/example.com`, P("sourceArn")]],
  },
  // SNS: an SMS straight to a phone number can only be allowed on "*".
  {
    row: call("sns", "Publish", { "has:phoneNumber": "true" }),
    grants: [["sns:Publish", "*", "an SMS to a phone number (requestParameters.phoneNumber): IAM authorizes direct SMS only against * (required, not widened)"]],
  },
  // CloudWatch Logs StartQuery: lists of groups, by name or identifier.
  {
    row: call("logs", "StartQuery", { logGroupNames: ["/ecs/payments", "/ecs/orders"], logGroupIdentifiers: [`arn:aws:logs:${R}:${B}:log-group:/shared:*`] }),
    grants: [
      ["logs:StartQuery", `arn:aws:logs:${R}:${A}:log-group:/ecs/payments`, `${P("logGroupNames")} + ${P("logGroupIdentifiers")}`],
      ["logs:StartQuery", `arn:aws:logs:${R}:${A}:log-group:/ecs/orders`, `${P("logGroupNames")} + ${P("logGroupIdentifiers")}`],
      ["logs:StartQuery", `arn:aws:logs:${R}:${B}:log-group:/shared`, `${P("logGroupNames")} + ${P("logGroupIdentifiers")}`],
    ],
  },
  // IAM: names without their path, the Create* call's own path, the calling user, ARNs.
  { row: call("iam", "GetRole", { roleName: "payments-task" }), grants: anyPath("iam:GetRole", "role", "payments-task", P("roleName")) },
  { row: call("iam", "CreateRole", { roleName: "deployer", path: "/ci/" }), grants: [["iam:CreateRole", IAM_ARN("role/ci/deployer"), P("roleName")]] },
  { row: call("iam", "ListAccessKeys", { userName: "bob" }), grants: anyPath("iam:ListAccessKeys", "user", "bob", P("userName")) },
  {
    row: call("iam", "GetUser", {}, { principalType: "IAMUser", principal: ALICE }),
    grants: [["iam:GetUser", ALICE, "the calling IAM user (no userName named)"]],
  },
  // A role calling GetUser without userName: there is no calling user to name.
  { row: call("iam", "GetUser"), unmapped: [["iam:GetUser", "the event names no user"]] },
  { row: call("iam", "AddUserToGroup", { groupName: "admins", userName: "bob" }), grants: anyPath("iam:AddUserToGroup", "group", "admins", P("groupName")) },
  {
    row: call("iam", "GetPolicy", { policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
    grants: [["iam:GetPolicy", "arn:aws:iam::aws:policy/ReadOnlyAccess", P("policyArn")]],
  },
  { row: call("iam", "CreatePolicy", { policyName: "reader", path: "/" }), grants: [["iam:CreatePolicy", IAM_ARN("policy/reader"), P("policyName")]] },
  {
    row: call("iam", "GetInstanceProfile", { instanceProfileName: "web" }),
    grants: anyPath("iam:GetInstanceProfile", "instance-profile", "web", P("instanceProfileName")),
  },
  { row: call("iam", "DeleteVirtualMFADevice", { serialNumber: IAM_ARN("mfa/alice") }), grants: [["iam:DeleteVirtualMFADevice", IAM_ARN("mfa/alice"), P("serialNumber")]] },
  {
    row: call("iam", "GetOpenIDConnectProvider", { openIDConnectProviderArn: IAM_ARN("oidc-provider/token.actions.githubusercontent.com") }),
    grants: [["iam:GetOpenIDConnectProvider", IAM_ARN("oidc-provider/token.actions.githubusercontent.com"), P("openIDConnectProviderArn")]],
  },
  { row: call("iam", "GetSAMLProvider", { sAMLProviderArn: IAM_ARN("saml-provider/okta") }), grants: [["iam:GetSAMLProvider", IAM_ARN("saml-provider/okta"), P("sAMLProviderArn")]] },
  // EC2: top-level ids, ids in `xxxSet.items[]` (JSON text), query-protocol wrappers, created resources.
  {
    row: call("ec2", "StopInstances", { instancesSet: json({ items: [{ instanceId: "i-0abc" }, { instanceId: "i-0def" }] }) }),
    grants: [
      ["ec2:StopInstances", EC2_ARN("instance/i-0abc"), `${P("instancesSet")}[].instanceId`],
      ["ec2:StopInstances", EC2_ARN("instance/i-0def"), `${P("instancesSet")}[].instanceId`],
    ],
  },
  { row: call("ec2", "DescribeInstanceAttribute", { instanceId: "i-0abc" }), grants: [["ec2:DescribeInstanceAttribute", EC2_ARN("instance/i-0abc"), P("instanceId")]] },
  // Images and snapshots have no account in their ARN.
  { row: call("ec2", "ModifyImageAttribute", { imageId: "ami-0123" }), grants: [["ec2:ModifyImageAttribute", `arn:aws:ec2:${R}::image/ami-0123`, P("imageId")]] },
  { row: call("ec2", "ModifySnapshotAttribute", { snapshotId: "snap-0123" }), grants: [["ec2:ModifySnapshotAttribute", `arn:aws:ec2:${R}::snapshot/snap-0123`, P("snapshotId")]] },
  { row: call("ec2", "DeleteVolume", { volumeId: "vol-0123" }), grants: [["ec2:DeleteVolume", EC2_ARN("volume/vol-0123"), P("volumeId")]] },
  { row: call("ec2", "RevokeSecurityGroupIngress", { groupId: "sg-0123" }), grants: [["ec2:RevokeSecurityGroupIngress", EC2_ARN("security-group/sg-0123"), P("groupId")]] },
  {
    row: call("ec2", "AttachInternetGateway", { internetGatewayId: "igw-0123", vpcId: "vpc-0123" }),
    grants: [
      ["ec2:AttachInternetGateway", EC2_ARN("internet-gateway/igw-0123"), `${P("internetGatewayId")} + ${P("vpcId")}`],
      ["ec2:AttachInternetGateway", EC2_ARN("vpc/vpc-0123"), `${P("internetGatewayId")} + ${P("vpcId")}`],
    ],
  },
  { row: call("ec2", "CreateRoute", { routeTableId: "rtb-0123" }), grants: [["ec2:CreateRoute", EC2_ARN("route-table/rtb-0123"), P("routeTableId")]] },
  { row: call("ec2", "DeleteSubnet", { subnetId: "subnet-0123" }), grants: [["ec2:DeleteSubnet", EC2_ARN("subnet/subnet-0123"), P("subnetId")]] },
  { row: call("ec2", "DeleteNetworkInterface", { networkInterfaceId: "eni-0123" }), grants: [["ec2:DeleteNetworkInterface", EC2_ARN("network-interface/eni-0123"), P("networkInterfaceId")]] },
  { row: call("ec2", "ReleaseAddress", { allocationId: "eipalloc-0123" }), grants: [["ec2:ReleaseAddress", EC2_ARN("elastic-ip/eipalloc-0123"), P("allocationId")]] },
  {
    row: call("ec2", "DeleteNatGateway", { DeleteNatGatewayRequest: json({ NatGatewayId: "nat-0123" }) }),
    grants: [["ec2:DeleteNatGateway", EC2_ARN("natgateway/nat-0123"), `${P("DeleteNatGatewayRequest")}[].NatGatewayId`]],
  },
  {
    row: call("ec2", "DeleteFlowLogs", { DeleteFlowLogsRequest: json({ FlowLogId: { tag: 1, content: "fl-0123" } }) }),
    grants: [["ec2:DeleteFlowLogs", EC2_ARN("vpc-flow-log/fl-0123"), `${P("DeleteFlowLogsRequest")}[].FlowLogId`]],
  },
  {
    row: call("ec2", "CreateNetworkInterface", { subnetId: "subnet-0123", groupSet: json({ items: [{ groupId: "sg-0123" }] }) }),
    grants: ["network-interface/*", "security-group/sg-0123", "subnet/subnet-0123"].map((r) => [
      "ec2:CreateNetworkInterface", EC2_ARN(r), `${CREATED} + ${P("groupSet")}[].groupId + ${P("subnetId")}`,
    ] as const),
  },
  {
    row: call("ec2", "CreateSubnet", { vpcId: "vpc-0123" }),
    grants: [
      ["ec2:CreateSubnet", EC2_ARN("subnet/*"), `${CREATED} + ${P("vpcId")}`],
      ["ec2:CreateSubnet", EC2_ARN("vpc/vpc-0123"), `${CREATED} + ${P("vpcId")}`],
    ],
  },
  {
    row: call("ec2", "CreateRouteTable", { vpcId: "vpc-0123" }),
    grants: [
      ["ec2:CreateRouteTable", EC2_ARN("route-table/*"), `${CREATED} + ${P("vpcId")}`],
      ["ec2:CreateRouteTable", EC2_ARN("vpc/vpc-0123"), `${CREATED} + ${P("vpcId")}`],
    ],
  },
  {
    row: call("ec2", "CreateSnapshot", { volumeId: "vol-0123" }),
    grants: [
      ["ec2:CreateSnapshot", `arn:aws:ec2:${R}::snapshot/*`, `${CREATED} + ${P("volumeId")}`],
      ["ec2:CreateSnapshot", EC2_ARN("volume/vol-0123"), `${CREATED} + ${P("volumeId")}`],
    ],
  },
  // A created resource whose create call needs nothing else named.
  ...(
    [
      ["AllocateAddress", "elastic-ip/*"],
      ["CreateInternetGateway", "internet-gateway/*"],
      ["CreateSecurityGroup", "security-group/*"],
      ["CreateVolume", "volume/*"],
      ["CreateVpc", "vpc/*"],
    ] as const
  ).map(([eventName, arn]): RecordCase => ({ row: call("ec2", eventName), grants: [[`ec2:${eventName}`, EC2_ARN(arn), CREATED]] })),
  { row: call("ec2", "RegisterImage"), grants: [["ec2:RegisterImage", `arn:aws:ec2:${R}::image/*`, CREATED]] },
  {
    row: call("ec2-instance-connect", "SendSSHPublicKey", { instanceId: "i-0abc" }),
    grants: [["ec2-instance-connect:SendSSHPublicKey", EC2_ARN("instance/i-0abc"), P("instanceId")]],
  },
  // RunInstances: what the request names, what it creates, and a scoped pattern for the defaults EC2 picks.
  {
    row: call("ec2", "RunInstances", { instancesSet: json({ items: [{ imageId: "ami-0123", minCount: 1, maxCount: 1 }] }) }),
    grants: [
      ["ec2:RunInstances", `arn:aws:ec2:${R}::image/ami-0123`, `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + scoped pattern: the request names none, so any of the type in the account and Region`],
      ["ec2:RunInstances", EC2_ARN("instance/*"), `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + scoped pattern: the request names none, so any of the type in the account and Region`],
      ["ec2:RunInstances", EC2_ARN("network-interface/*"), `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + scoped pattern: the request names none, so any of the type in the account and Region`],
      ["ec2:RunInstances", EC2_ARN("security-group/*"), `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + scoped pattern: the request names none, so any of the type in the account and Region`],
      ["ec2:RunInstances", EC2_ARN("subnet/*"), `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + scoped pattern: the request names none, so any of the type in the account and Region`],
      ["ec2:RunInstances", EC2_ARN("volume/*"), `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + scoped pattern: the request names none, so any of the type in the account and Region`],
    ],
  },
  {
    row: call("ec2", "RunInstances", {
      instancesSet: json({ items: [{ imageId: "ami-0123", keyName: "deploy", minCount: 1, maxCount: 1 }] }),
      subnetId: "subnet-0aa",
      groupSet: json({ items: [{ groupId: "sg-0bb" }, { groupId: "sg-0cc" }] }),
    }),
    actions: ["ec2:RunInstances"],
    grants: [
      ...[
        `arn:aws:ec2:${R}::image/ami-0123`, EC2_ARN("key-pair/deploy"), EC2_ARN("instance/*"), EC2_ARN("network-interface/*"),
        EC2_ARN("security-group/sg-0bb"), EC2_ARN("security-group/sg-0cc"), EC2_ARN("subnet/subnet-0aa"), EC2_ARN("volume/*"),
      ].map((arn) => ["ec2:RunInstances", arn, `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + ${P("instancesSet")}[].keyName + ${P("groupSet")}[].groupId + ${P("subnetId")}`] as const),
    ],
  },
  {
    row: call("ec2", "RunInstances", {
      instancesSet: json({ items: [{ imageId: "ami-0123" }] }),
      networkInterfaceSet: json({ items: [{ deviceIndex: 0, networkInterfaceId: "eni-0dd" }, { deviceIndex: 1, subnetId: "subnet-0aa", groupSet: { items: [{ groupId: "sg-0bb" }] } }] }),
    }),
    grants: [
      `arn:aws:ec2:${R}::image/ami-0123`, EC2_ARN("instance/*"), EC2_ARN("network-interface/eni-0dd"), EC2_ARN("security-group/sg-0bb"), EC2_ARN("subnet/subnet-0aa"), EC2_ARN("volume/*"),
    ].map((arn) => [
      "ec2:RunInstances", arn,
      `${P("instancesSet")}[].imageId + created by the call (its id is not known before it) + ${P("networkInterfaceSet")}[].networkInterfaceId + ${P("networkInterfaceSet")}[].groupId + ${P("networkInterfaceSet")}[].subnetId`,
    ] as const),
  },
  {
    row: call("ec2", "DisassociateRouteTable"),
    unmapped: [[
      "ec2:DisassociateRouteTable",
      "the event names no internet-gateway/ipv4pool-ec2/ipv6pool-ec2/route-table/subnet/vpn-gateway: the request names only the association (associationId rtbassoc-...), not the route table or subnet it links; neither is in requestParameters or resources[]",
    ]],
  },
  {
    row: call("ec2", "DetachNetworkInterface"),
    unmapped: [["ec2:DetachNetworkInterface", `the event names no instance/network-interface: ${RESOURCES_NOT_IN_EVENT["ec2:DetachNetworkInterface"]}`]],
  },
  // CreateFlowLogs and CreateNatGateway: the ids in the request wrapper (whose ClientToken stays out).
  {
    row: call("ec2", "CreateFlowLogs", { "CreateFlowLogsRequest.ResourceId": json({ tag: 1, content: "vpc-0abc" }) }),
    grants: [
      ["ec2:CreateFlowLogs", EC2_ARN("vpc-flow-log/*"), `${P("CreateFlowLogsRequest.ResourceId")}[].content + created by the call (its id is not known before it)`],
      ["ec2:CreateFlowLogs", EC2_ARN("vpc/vpc-0abc"), `${P("CreateFlowLogsRequest.ResourceId")}[].content + created by the call (its id is not known before it)`],
    ],
  },
  {
    row: call("ec2", "CreateNatGateway", { "CreateNatGatewayRequest.SubnetId": "subnet-0aa", "CreateNatGatewayRequest.AllocationId": "eipalloc-0cc" }),
    grants: [
      ["ec2:CreateNatGateway", EC2_ARN("elastic-ip/eipalloc-0cc"), `${P("CreateNatGatewayRequest.AllocationId")} + created by the call (its id is not known before it) + ${P("CreateNatGatewayRequest.SubnetId")}`],
      ["ec2:CreateNatGateway", EC2_ARN("natgateway/*"), `${P("CreateNatGatewayRequest.AllocationId")} + created by the call (its id is not known before it) + ${P("CreateNatGatewayRequest.SubnetId")}`],
      ["ec2:CreateNatGateway", EC2_ARN("subnet/subnet-0aa"), `${P("CreateNatGatewayRequest.AllocationId")} + created by the call (its id is not known before it) + ${P("CreateNatGatewayRequest.SubnetId")}`],
    ],
  },
  {
    // The query shape of the same ids: {"content": ...}.
    row: call("ec2", "CreateNatGateway", { "CreateNatGatewayRequest.SubnetId": json({ content: "subnet-0aa" }), "CreateNatGatewayRequest.AllocationId": json({ content: "eipalloc-0cc" }) }),
    grants: [EC2_ARN("elastic-ip/eipalloc-0cc"), EC2_ARN("natgateway/*"), EC2_ARN("subnet/subnet-0aa")].map((arn) => [
      "ec2:CreateNatGateway", arn,
      `${P("CreateNatGatewayRequest.AllocationId")}[].content + created by the call (its id is not known before it) + ${P("CreateNatGatewayRequest.SubnetId")}[].content`,
    ] as const),
  },
  {
    row: call("ec2", "CreateFlowLogs", {
      "CreateFlowLogsRequest.ResourceId": json([{ tag: 1, content: "subnet-0aa" }, { tag: 2, content: "eni-0dd" }, { tag: 3, content: "tgw-0ee" }, { tag: 4, content: "tgw-attach-0ff" }]),
    }),
    grants: [
      EC2_ARN("network-interface/eni-0dd"), EC2_ARN("subnet/subnet-0aa"), EC2_ARN("transit-gateway-attachment/tgw-attach-0ff"), EC2_ARN("transit-gateway/tgw-0ee"), EC2_ARN("vpc-flow-log/*"),
    ].map((arn) => ["ec2:CreateFlowLogs", arn, `${P("CreateFlowLogsRequest.ResourceId")}[].content + created by the call (its id is not known before it)`] as const),
  },
  // CreateTags: each id is granted as the type its prefix names.
  {
    row: call("ec2", "CreateTags", { resourcesSet: json({ items: [{ resourceId: "i-0abc" }, { resourceId: "vol-0def" }] }) }),
    grants: [
      ["ec2:CreateTags", EC2_ARN("instance/i-0abc"), `${P("resourcesSet")}[].resourceId`],
      ["ec2:CreateTags", EC2_ARN("volume/vol-0def"), `${P("resourcesSet")}[].resourceId`],
    ],
  },
  {
    row: call("ec2", "DeleteTags", { resourcesSet: json({ items: EC2_IDS.map(([id]) => ({ resourceId: id })) }) }),
    // Images and snapshots may be another account's (public AMIs): their ARN format has no account.
    grants: EC2_IDS.map(([id, type]) => [
      "ec2:DeleteTags", type === "image" || type === "snapshot" ? `arn:aws:ec2:${R}::${type}/${id}` : EC2_ARN(`${type}/${id}`), `${P("resourcesSet")}[].resourceId`,
    ] as const),
  },
  { row: call("ec2", "CreateTags"), unmapped: [["ec2:CreateTags", "the event names no resource of the types ec2:CreateTags can name"]] },
  // RDS
  {
    row: call("rds", "CreateDBSnapshot", { dBInstanceIdentifier: "ledger", dBSnapshotIdentifier: "ledger-2026" }),
    grants: [
      ["rds:CreateDBSnapshot", RDS_ARN("db:ledger"), `${P("dBInstanceIdentifier")} + ${P("dBSnapshotIdentifier")}`],
      ["rds:CreateDBSnapshot", RDS_ARN("snapshot:ledger-2026"), `${P("dBInstanceIdentifier")} + ${P("dBSnapshotIdentifier")}`],
    ],
  },
  { row: call("rds", "DescribeDBClusters", { dBClusterIdentifier: "ledger" }), grants: [["rds:DescribeDBClusters", RDS_ARN("cluster:ledger"), P("dBClusterIdentifier")]] },
  {
    row: call("rds", "DeleteDBClusterSnapshot", { dBClusterSnapshotIdentifier: "ledger-2026" }),
    grants: [["rds:DeleteDBClusterSnapshot", RDS_ARN("cluster-snapshot:ledger-2026"), P("dBClusterSnapshotIdentifier")]],
  },
  { row: call("rds", "DescribeDBSubnetGroups", { dBSubnetGroupName: "private" }), grants: [["rds:DescribeDBSubnetGroups", RDS_ARN("subgrp:private"), P("dBSubnetGroupName")]] },
  { row: call("rds", "DescribeDBParameters", { dBParameterGroupName: "mysql8" }), grants: [["rds:DescribeDBParameters", RDS_ARN("pg:mysql8"), P("dBParameterGroupName")]] },
  {
    row: call("rds", "DescribeDBClusterParameters", { dBClusterParameterGroupName: "aurora" }),
    grants: [["rds:DescribeDBClusterParameters", RDS_ARN("cluster-pg:aurora"), P("dBClusterParameterGroupName")]],
  },
  { row: call("rds", "DescribeOptionGroups", { optionGroupName: "audit" }), grants: [["rds:DescribeOptionGroups", RDS_ARN("og:audit"), P("optionGroupName")]] },
  {
    row: call("rds", "ListTagsForResource", { resourceName: RDS_ARN("snapshot:ledger-2026") }),
    grants: [["rds:ListTagsForResource", RDS_ARN("snapshot:ledger-2026"), P("resourceName")]],
  },
  // A Describe that names nothing describes every one in the account and Region: a scoped pattern, not an omission and not "*".
  { row: call("rds", "DescribeDBInstances"), grants: [["rds:DescribeDBInstances", RDS_ARN("db:*"), SCOPED]] },
  ...(
    [
      ["DescribeDBClusters", "cluster:*"], ["DescribeDBSnapshots", "snapshot:*"], ["DescribeDBClusterSnapshots", "cluster-snapshot:*"], ["DescribeDBSubnetGroups", "subgrp:*"],
      ["DescribeDBParameterGroups", "pg:*"], ["DescribeDBClusterParameterGroups", "cluster-pg:*"], ["DescribeOptionGroups", "og:*"],
    ] as const
  ).map(([eventName, resource]): RecordCase => ({ row: call("rds", eventName), grants: [[`rds:${eventName}`, RDS_ARN(resource), SCOPED]] })),
  { row: call("rds", "DescribeDBInstances", { dBInstanceIdentifier: "ledger" }), grants: [["rds:DescribeDBInstances", RDS_ARN("db:ledger"), P("dBInstanceIdentifier")]] },
  // CloudTrail: trails by name or ARN.
  { row: call("cloudtrail", "StopLogging", { name: "main" }), grants: [["cloudtrail:StopLogging", TRAIL("main"), P("name")]] },
  { row: call("cloudtrail", "StartLogging", { name: TRAIL("org", B) }), grants: [["cloudtrail:StartLogging", TRAIL("org", B), P("name")]] },
  { row: call("cloudtrail", "PutEventSelectors", { trailName: "main" }), grants: [["cloudtrail:PutEventSelectors", TRAIL("main"), P("trailName")]] },
  { row: call("cloudtrail", "ListTags", { resourceIdList: [TRAIL("main")] }), grants: [["cloudtrail:ListTags", TRAIL("main"), P("resourceIdList")]] },
  { row: call("cloudtrail", "AddTags", { resourceId: TRAIL("main") }), grants: [["cloudtrail:AddTags", TRAIL("main"), P("resourceId")]] },
  // Systems Manager: documents (AWS-owned ones have no account), managed nodes by id kind, tagged resources.
  {
    row: call("ssm", "SendCommand", { documentName: "AWS-RunShellScript", instanceIds: ["i-0abc", "mi-0123"] }),
    grants: [
      ["ssm:SendCommand", SSM_ARN("document/AWS-RunShellScript", ""), `${P("documentName")} + ${P("instanceIds")}`],
      ["ssm:SendCommand", EC2_ARN("instance/i-0abc"), `${P("documentName")} + ${P("instanceIds")}`],
      ["ssm:SendCommand", SSM_ARN("managed-instance/mi-0123"), `${P("documentName")} + ${P("instanceIds")}`],
    ],
  },
  { row: call("ssm", "GetDocument", { name: "deploy-app" }), grants: [["ssm:GetDocument", SSM_ARN("document/deploy-app"), P("name")]] },
  { row: call("ssm", "UpdateInstanceInformation", { instanceId: "i-0abc" }), grants: [["ssm:UpdateInstanceInformation", EC2_ARN("instance/i-0abc"), P("instanceId")]] },
  { row: call("ssm", "UpdateInstanceInformation", { instanceId: "mi-0123" }), grants: [["ssm:UpdateInstanceInformation", SSM_ARN("managed-instance/mi-0123"), P("instanceId")]] },
  { row: call("ssm", "StartSession", { target: "i-0abc" }), grants: [["ssm:StartSession", EC2_ARN("instance/i-0abc"), P("target")]] },
  { row: call("ssm", "StartSession", { target: "mi-0123" }), grants: [["ssm:StartSession", SSM_ARN("managed-instance/mi-0123"), P("target")]] },
  {
    row: call("ssm", "PutComplianceItems", { resourceId: "i-0abc", resourceType: "ManagedInstance" }),
    grants: [["ssm:PutComplianceItems", EC2_ARN("instance/i-0abc"), P("resourceId")]],
  },
  {
    row: call("ssm", "PutComplianceItems", { resourceId: "mi-0123", resourceType: "ManagedInstance" }),
    grants: [["ssm:PutComplianceItems", SSM_ARN("managed-instance/mi-0123"), P("resourceId")]],
  },
  ...(
    [
      ["Parameter", "/credentials/db", "parameter/credentials/db"],
      ["Document", "deploy-app", "document/deploy-app"],
      ["ManagedInstance", "mi-0123", "managed-instance/mi-0123"],
      ["MaintenanceWindow", "mw-0123", "maintenancewindow/mw-0123"],
      ["PatchBaseline", "pb-0123", "patchbaseline/pb-0123"],
      ["OpsItem", "oi-0123", "opsitem/oi-0123"],
    ] as const
  ).map(([resourceType, resourceId, arn]): RecordCase => ({
    row: call("ssm", "ListTagsForResource", { resourceType, resourceId }),
    grants: [["ssm:ListTagsForResource", SSM_ARN(arn), P("resourceId")]],
  })),
  { row: call("ssm", "ResumeSession"), grants: [["ssm:ResumeSession", SSM_ARN("session/*"), SCOPED]] },
  { row: call("ssm", "TerminateSession"), grants: [["ssm:TerminateSession", SSM_ARN("session/*"), SCOPED]] },
  // Elastic Load Balancing: ARNs, each kept for the resource type it fits.
  ...(
    [
      ["RegisterTargets", "targetGroupArn", "targetgroup/payments/6d0ecf831eec9f09"],
      ["DeleteLoadBalancer", "loadBalancerArn", "loadbalancer/app/payments/50dc6c495c0c9188"],
      ["DeleteListener", "listenerArn", "listener/app/payments/50dc6c495c0c9188/f2f7dc8efc522ab2"],
      ["DeleteRule", "ruleArn", "listener-rule/app/payments/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee"],
    ] as const
  ).map(([eventName, parameter, arn]): RecordCase => ({
    row: call("elasticloadbalancing", eventName, { [parameter]: ELB(arn) }),
    grants: [[`elasticloadbalancing:${eventName}`, ELB(arn), P(parameter)]],
  })),
  {
    row: call("elasticloadbalancing", "AddTags", { resourceArns: [ELB("loadbalancer/app/payments/50dc6c495c0c9188"), ELB("loadbalancer/net/ingest/73e2d6bc24d8a067")] }),
    grants: [
      ["elasticloadbalancing:AddTags", ELB("loadbalancer/app/payments/50dc6c495c0c9188"), P("resourceArns")],
      ["elasticloadbalancing:AddTags", ELB("loadbalancer/net/ingest/73e2d6bc24d8a067"), P("resourceArns")],
    ],
  },
  // CloudWatch alarms
  {
    row: call("monitoring", "DeleteAlarms", { alarmNames: ["cpu-high", "disk-full"] }),
    grants: [
      ["cloudwatch:DeleteAlarms", `arn:aws:cloudwatch:${R}:${A}:alarm:cpu-high`, P("alarmNames")],
      ["cloudwatch:DeleteAlarms", `arn:aws:cloudwatch:${R}:${A}:alarm:disk-full`, P("alarmNames")],
    ],
  },
  { row: call("monitoring", "PutMetricAlarm", { alarmName: "cpu-high" }), grants: [["cloudwatch:PutMetricAlarm", `arn:aws:cloudwatch:${R}:${A}:alarm:cpu-high`, P("alarmName")]] },
  { row: call("monitoring", "DescribeAlarms"), grants: [["cloudwatch:DescribeAlarms", `arn:aws:cloudwatch:${R}:${A}:alarm:*`, SCOPED]] },
  // Athena: the workgroup a query runs in, `primary` when none is named; calls naming only a query id get the scoped pattern.
  {
    row: call("athena", "StartQueryExecution", { workGroup: "analytics" }),
    grants: [["athena:StartQueryExecution", `arn:aws:athena:${R}:${A}:workgroup/analytics`, P("workGroup")]],
  },
  {
    row: call("athena", "StartQueryExecution"),
    grants: [["athena:StartQueryExecution", `arn:aws:athena:${R}:${A}:workgroup/primary`, `${P("workGroup")} absent: primary (the default)`]],
  },
  { row: call("athena", "GetQueryResults"), grants: [["athena:GetQueryResults", `arn:aws:athena:${R}:${A}:workgroup/*`, SCOPED]] },
  // Route 53 Resolver, IAM Roles Anywhere, GuardDuty: ids
  ...(
    [
      ["DeleteResolverQueryLogConfig", "resolverQueryLogConfigId", "rqlc-4473f20ca554c07", "resolver-query-log-config"],
      ["GetResolverRule", "resolverRuleId", "rslvr-rr-0123", "resolver-rule"],
      ["GetResolverEndpoint", "resolverEndpointId", "rslvr-in-0123", "resolver-endpoint"],
      ["GetFirewallRuleGroup", "firewallRuleGroupId", "rslvr-frg-0123", "firewall-rule-group"],
      ["GetFirewallDomainList", "firewallDomainListId", "rslvr-fdl-0123", "firewall-domain-list"],
    ] as const
  ).map(([eventName, parameter, id, kind]): RecordCase => ({
    row: call("route53resolver", eventName, { [parameter]: id }),
    grants: [[`route53resolver:${eventName}`, `arn:aws:route53resolver:${R}:${A}:${kind}/${id}`, P(parameter)]],
  })),
  ...(
    [
      ["DeleteProfile", "profileId", "profile"],
      ["DeleteTrustAnchor", "trustAnchorId", "trust-anchor"],
      ["GetCrl", "crlId", "crl"],
    ] as const
  ).map(([eventName, parameter, kind]): RecordCase => ({
    row: call("rolesanywhere", eventName, { [parameter]: "ac4e09d1-a150-4924-bb76-23b00fa7c34a" }),
    grants: [[`rolesanywhere:${eventName}`, `arn:aws:rolesanywhere:${R}:${A}:${kind}/ac4e09d1-a150-4924-bb76-23b00fa7c34a`, P(parameter)]],
  })),
  {
    row: call("guardduty", "GetDetector", { detectorId: "6ec1aa76c9c3020a93af9e89a5a3a439" }),
    grants: [["guardduty:GetDetector", `arn:aws:guardduty:${R}:${A}:detector/6ec1aa76c9c3020a93af9e89a5a3a439`, P("detectorId")]],
  },
  // One per account (and region): Security Hub's hub, the account itself.
  { row: call("securityhub", "DescribeHub"), grants: [["securityhub:DescribeHub", `arn:aws:securityhub:${R}:${A}:hub/default`, "the account's own (none named)"]] },
  {
    row: call("securityhub", "DescribeHub", { hubArn: `arn:aws:securityhub:${R}:${B}:hub/default` }),
    grants: [["securityhub:DescribeHub", `arn:aws:securityhub:${R}:${B}:hub/default`, P("hubArn")]],
  },
  { row: call("account", "GetRegionOptStatus", { RegionName: "eu-north-1" }), grants: [["account:GetRegionOptStatus", `arn:aws:account::${A}:account`, "the account's own (none named)"]] },
  { row: call("account", "GetRegionOptStatus", { AccountId: B }), unmapped: [["account:GetRegionOptStatus", "the event names no account/accountInOrganization ARN"]] },
  // S3 Storage Lens
  {
    row: s3("GetStorageLensConfiguration", { configId: "default-account-dashboard" }),
    grants: [["s3:GetStorageLensConfiguration", `arn:aws:s3:${R}:${A}:storage-lens/default-account-dashboard`, P("configId")]],
  },
  {
    row: s3("GetStorageLensDashboard", { configurationARN: `arn:aws:s3:${R}:${A}:storage-lens/default-account-dashboard` }),
    grants: [["s3:GetStorageLensDashboard", `arn:aws:s3:${R}:${A}:storage-lens/default-account-dashboard`, P("configurationARN")]],
  },
  {
    row: s3("GetStorageLensConfiguration", {}),
    unmapped: [[
      "s3:GetStorageLensConfiguration",
      "the event names no storagelensconfiguration: CloudTrail logs GetStorageLensConfiguration with only its Host header: the configuration id is in the request path and not in the event",
    ]],
  },
  {
    row: s3("GetStorageLensDashboardDataInternal", { configurationARN: `arn:aws:s3:${R}:${A}:storage-lens/default-account-dashboard` }),
    unmapped: [[
      "s3:GetStorageLensDashboardDataInternal",
      "iam-data has no action s3:GetStorageLensDashboardDataInternal: an internal operation of the S3 console's Storage Lens dashboard, absent from the Service Authorization Reference (and iam-data); the dashboard's documented permission is s3:GetStorageLensDashboard (S3 User Guide, 'Setting permissions to use S3 Storage Lens')",
    ]],
  },
  // A call that failed after authorization, logged without its request parameters.
  {
    row: call("ssm", "DeleteParameter", {}, { errorCode: "ParameterNotFound" }),
    unmapped: [["ssm:DeleteParameter", "the event names no parameter: the call failed (ParameterNotFound) and CloudTrail logged it without request parameters"]],
  },
  // CloudFront (issue 14): versioned event names, ids by call, no Region in the ARNs.
  ...(
    [
      ["CreateInvalidation2020_05_31", "distributionId", "EDFDVBD6EXAMPLE", "distribution/EDFDVBD6EXAMPLE"],
      ["GetDistribution2020_05_31", "id", "EDFDVBD6EXAMPLE", "distribution/EDFDVBD6EXAMPLE"],
      ["GetCachePolicy2020_05_31", "id", "658327ea-f89d-4fab-a63d-7e88639e58f6", "cache-policy/658327ea-f89d-4fab-a63d-7e88639e58f6"],
      ["GetOriginRequestPolicy2020_05_31", "id", "216adef6-5c7f-47e4-b989-5492eafa07d3", "origin-request-policy/216adef6-5c7f-47e4-b989-5492eafa07d3"],
      ["GetResponseHeadersPolicy2020_05_31", "id", "67f7725c-6f97-4210-82d7-5512b31e9d03", "response-headers-policy/67f7725c-6f97-4210-82d7-5512b31e9d03"],
      ["GetOriginAccessControl2020_05_31", "id", "E1ABCDEXAMPLE", "origin-access-control/E1ABCDEXAMPLE"],
      ["GetCloudFrontOriginAccessIdentity2020_05_31", "id", "E74FTE3EXAMPLE", "origin-access-identity/E74FTE3EXAMPLE"],
      ["DescribeFunction2020_05_31", "name", "rewrite-index", "function/rewrite-index"],
      ["DescribeKeyValueStore2020_05_31", "name", "redirects", "key-value-store/redirects"],
      ["TagResource2020_05_31", "resource", `arn:aws:cloudfront::${A}:distribution/EDFDVBD6EXAMPLE`, "distribution/EDFDVBD6EXAMPLE"],
    ] as const
  ).map(([eventName, parameter, value, resource]): RecordCase => ({
    row: call("cloudfront", eventName, { [parameter]: value }),
    grants: [[`cloudfront:${eventName.replace(/\d{4}_\d{2}_\d{2}$/, "")}`, `arn:aws:cloudfront::${A}:${resource}`, P(parameter)]],
  })),
  {
    // GetInvalidation's id is the invalidation's: the distribution is in distributionId.
    row: call("cloudfront", "GetInvalidation2020_05_31", { distributionId: "EDFDVBD6EXAMPLE", id: "I2J0I21PCUYOIK" }),
    grants: [["cloudfront:GetInvalidation", `arn:aws:cloudfront::${A}:distribution/EDFDVBD6EXAMPLE`, P("distributionId")]],
  },
  // RDS Describe calls that name none describe every one of the account (global clusters have no Region).
  { row: call("rds", "DescribeGlobalClusters"), grants: [["rds:DescribeGlobalClusters", `arn:aws:rds::${A}:global-cluster:*`, SCOPED]] },
  {
    row: call("rds", "DescribeGlobalClusters", { globalClusterIdentifier: "ledger-global" }),
    grants: [["rds:DescribeGlobalClusters", `arn:aws:rds::${A}:global-cluster:ledger-global`, P("globalClusterIdentifier")]],
  },
  { row: call("rds", "DescribeEventSubscriptions"), grants: [["rds:DescribeEventSubscriptions", RDS_ARN("es:*"), SCOPED]] },
  { row: call("rds", "DescribeEventSubscriptions", { subscriptionName: "ops" }), grants: [["rds:DescribeEventSubscriptions", RDS_ARN("es:ops"), P("subscriptionName")]] },
  { row: call("rds", "DescribeBlueGreenDeployments"), grants: [["rds:DescribeBlueGreenDeployments", RDS_ARN("deployment:*"), SCOPED]] },
  {
    row: call("rds", "DescribeBlueGreenDeployments", { blueGreenDeploymentIdentifier: "bgd-wi89nwzglccsfake" }),
    grants: [["rds:DescribeBlueGreenDeployments", RDS_ARN("deployment:bgd-wi89nwzglccsfake"), P("blueGreenDeploymentIdentifier")]],
  },
];

// ---------------------------------------------------------------------------------------------
// Operations authorized under another name, and operations whose action the event cannot decide.

const NO_ARN = (action: string, type: string) => [action, `the event names no ${type} ARN`] as const;
const BUDGET_CALLS: readonly (readonly [eventName: string, action: string])[] = [
  ...["CreateBudget", "UpdateBudget", "DeleteBudget", "CreateNotification", "UpdateNotification", "DeleteNotification", "CreateSubscriber", "UpdateSubscriber", "DeleteSubscriber"].map(
    (name) => [name, "budgets:ModifyBudget"] as const,
  ),
  ...["DescribeBudget", "DescribeBudgets", "DescribeBudgetPerformanceHistory", "DescribeNotificationsForBudget", "DescribeSubscribersForNotification"].map(
    (name) => [name, "budgets:ViewBudget"] as const,
  ),
];
const undetermined = (eventName: string, candidates: readonly string[], why: string, onStar: readonly string[] = []) =>
  candidates.map((action) => [action, `${eventName} may need ${action}${onStar.includes(action) ? " (on *)" : ""}: ${why}`] as const);
const TIMESTREAM_WHY =
  "a Timestream query is authorized by its statement (SELECT ... FROM: Select on the table; SELECT without FROM: SelectValues; SHOW and DESCRIBE: the List and Describe actions), and this usage row keeps no statement";
const APIGATEWAY_TAG_WHY =
  "API Gateway v1 tags with PUT /tags/{resource_arn} and v2 with POST /v2/tags/{resource-arn}; both are logged as TagResource from apigateway.amazonaws.com and the event does not say which API was called";

export const RENAMED_CASES: readonly RecordCase[] = [
  // Budgets: two actions for every budget call; the budget's ARN is not in the event.
  ...BUDGET_CALLS.map(([eventName, action]): RecordCase => ({ row: call("budgets", eventName), actions: [action], unmapped: [NO_ARN(action, "budget")] })),
  // The @connections API of WebSocket APIs: one action, on the connection's path, which the event does not give.
  ...["PostToConnection", "GetConnection", "DeleteConnection"].map((eventName): RecordCase => ({
    row: call("execute-api", eventName),
    actions: ["execute-api:ManageConnections"],
    unmapped: [NO_ARN("execute-api:ManageConnections", "execute-api-general")],
  })),
  {
    row: call("cloudfront", "CreateDistributionWithTags"),
    grants: [["cloudfront:CreateDistribution", "*", STAR]],
    unmapped: [["cloudfront:TagResource", "the event names no resource of the types cloudfront:TagResource can name"]],
  },
  { row: call("cloudsearch", "UploadDocuments"), actions: ["cloudsearch:document"], unmapped: [NO_ARN("cloudsearch:document", "domain")] },
  {
    row: call("apigateway", "TagResource", { resourceArn: "arn:aws:apigateway:eu-west-1::/restapis/3rb" }),
    unmapped: undetermined("TagResource", ["apigateway:POST", "apigateway:PUT"], APIGATEWAY_TAG_WHY),
  },
  {
    row: call("timestream", "Query"),
    unmapped: undetermined(
      "Query",
      ["timestream:DescribeTable", "timestream:ListDatabases", "timestream:ListMeasures", "timestream:ListTables", "timestream:Select", "timestream:SelectValues"],
      TIMESTREAM_WHY,
      ["timestream:ListDatabases", "timestream:SelectValues"],
    ),
  },
];

// ---------------------------------------------------------------------------------------------
// Tag-on-create (tag-on-create.ts): a create whose request carries tags also needs the tag action.

const TAGGED_ON_CREATE = (type: string, eventName: string) => `the ${type} ${eventName} creates, as its own resource`;
const TAGS = { "tags[].key": ["team"] };
const TAG_OBJECT_TEXT = { tags: '{"team":"payments"}' };

export const TAG_ON_CREATE_CASES: readonly RecordCase[] = [
  {
    row: call("dynamodb", "CreateTable", { tableName: "orders", ...TAGS }),
    grants: [
      ["dynamodb:CreateTable", `arn:aws:dynamodb:${R}:${A}:table/orders`, P("tableName")],
      ["dynamodb:TagResource", `arn:aws:dynamodb:${R}:${A}:table/orders`, TAGGED_ON_CREATE("table", "CreateTable")],
    ],
  },
  // Without tags, the same create needs no tag action.
  { row: call("dynamodb", "CreateTable", { tableName: "orders" }), grants: [["dynamodb:CreateTable", `arn:aws:dynamodb:${R}:${A}:table/orders`, P("tableName")]] },
  {
    row: call("ec2", "CreateVolume", { "tagSpecificationSet.items[].resourceType": ["volume"] }),
    grants: [
      ["ec2:CreateVolume", `arn:aws:ec2:${R}:${A}:volume/*`, "created by the call (its id is not known before it)"],
      ["ec2:CreateTags", `arn:aws:ec2:${R}:${A}:volume/*`, TAGGED_ON_CREATE("volume", "CreateVolume")],
    ],
  },
  {
    row: call("ecr", "CreateRepository", { repositoryName: "web", ...TAGS }),
    grants: [
      ["ecr:CreateRepository", `arn:aws:ecr:${R}:${A}:repository/web`, P("repositoryName")],
      ["ecr:TagResource", `arn:aws:ecr:${R}:${A}:repository/web`, TAGGED_ON_CREATE("repository", "CreateRepository")],
    ],
  },
  // CreateCluster names its new cluster `clusterName`, not `cluster` (ECS API Reference, CreateCluster).
  {
    row: call("ecs", "CreateCluster", { clusterName: "main", ...TAGS }),
    grants: [
      ["ecs:CreateCluster", `arn:aws:ecs:${R}:${A}:cluster/main`, P("clusterName")],
      ["ecs:TagResource", `arn:aws:ecs:${R}:${A}:cluster/main`, TAGGED_ON_CREATE("cluster", "CreateCluster")],
    ],
  },
  { row: call("ecs", "CreateCluster"), grants: [["ecs:CreateCluster", `arn:aws:ecs:${R}:${A}:cluster/default`, "default cluster (none named)"]] },
  // ElastiCache has no ARN builder: the create and its tag action are reported, not guessed.
  {
    row: call("elasticache", "CreateCacheCluster", { cacheClusterId: "sessions", ...TAGS }),
    actions: ["elasticache:CreateCacheCluster", "elasticache:AddTagsToResource"],
    unmapped: [
      [
        "elasticache:AddTagsToResource",
        "the resource CreateCacheCluster creates is not named, so neither is the one it tags: the event names no cluster/parametergroup/replicationgroup/securitygroup/snapshot/subnetgroup ARN",
      ],
      ["elasticache:CreateCacheCluster", "the event names no cluster/parametergroup/replicationgroup/securitygroup/snapshot/subnetgroup ARN"],
    ],
  },
  {
    row: call("kinesis", "CreateStream", { streamName: "clicks", ...TAG_OBJECT_TEXT }),
    grants: [
      ["kinesis:CreateStream", `arn:aws:kinesis:${R}:${A}:stream/clicks`, P("streamName")],
      ["kinesis:AddTagsToStream", `arn:aws:kinesis:${R}:${A}:stream/clicks`, TAGGED_ON_CREATE("stream", "CreateStream")],
    ],
  },
  {
    row: call("kms", "CreateKey", TAGS),
    grants: [
      ["kms:CreateKey", "*", STAR],
      ["kms:TagResource", `arn:aws:kms:${R}:${A}:key/*`, "any key of the account and Region: the new key's id is only in the response (scoped pattern)"],
    ],
  },
  {
    row: call("lambda", "CreateFunction20150331", { functionName: "resize", role: `arn:aws:iam::${A}:role/resize-fn`, ...TAG_OBJECT_TEXT }),
    actions: ["lambda:CreateFunction", "iam:PassRole", "lambda:TagResource"],
  },
  {
    row: call("logs", "CreateLogGroup", { logGroupName: "/ecs/payments", ...TAG_OBJECT_TEXT }),
    grants: [
      ["logs:CreateLogGroup", `arn:aws:logs:${R}:${A}:log-group:/ecs/payments`, P("logGroupName")],
      ["logs:TagResource", `arn:aws:logs:${R}:${A}:log-group:/ecs/payments`, TAGGED_ON_CREATE("log-group", "CreateLogGroup")],
    ],
  },
  {
    row: call("rds", "CreateDBInstance", { dBInstanceIdentifier: "ledger", ...TAGS }),
    grants: [
      ["rds:CreateDBInstance", `arn:aws:rds:${R}:${A}:db:ledger`, P("dBInstanceIdentifier")],
      ["rds:AddTagsToResource", `arn:aws:rds:${R}:${A}:db:ledger`, TAGGED_ON_CREATE("db", "CreateDBInstance")],
    ],
  },
  {
    row: call("secretsmanager", "CreateSecret", { name: "prod/db", ...TAGS }),
    grants: [
      ["secretsmanager:CreateSecret", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`, P("name")],
      ["secretsmanager:TagResource", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`, TAGGED_ON_CREATE("Secret", "CreateSecret")],
    ],
  },
  {
    row: call("sns", "CreateTopic", { name: "alerts", ...TAGS }),
    grants: [
      ["sns:CreateTopic", `arn:aws:sns:${R}:${A}:alerts`, P("name")],
      ["sns:TagResource", `arn:aws:sns:${R}:${A}:alerts`, TAGGED_ON_CREATE("topic", "CreateTopic")],
    ],
  },
  {
    row: call("ssm", "PutParameter", { name: "/app/db-url", ...TAGS }),
    grants: [
      ["ssm:PutParameter", `arn:aws:ssm:${R}:${A}:parameter/app/db-url`, P("name")],
      ["ssm:AddTagsToResource", `arn:aws:ssm:${R}:${A}:parameter/app/db-url`, TAGGED_ON_CREATE("parameter", "PutParameter")],
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// API Gateway: HTTP verb on the request path (apigateway-routes.ts).

const API = (path: string) => `arn:aws:apigateway:${R}::${path}`;
const ROUTE = (verb: string, path: string) => `API Gateway route ${verb} ${path}`;
const REST = "/restapis/{restApiId}";
const METHOD_PATH = `${REST}/resources/{resourceId}/methods/{httpMethod}`;

export const APIGATEWAY_CASES: readonly RecordCase[] = [
  { row: call("apigateway", "CreateRestApi"), grants: [["apigateway:POST", API("/restapis"), ROUTE("POST", "/restapis")]] },
  {
    row: call("apigateway", "GetResource", { restApiId: "3rbEXAMPLE", resourceId: "5tfEXAMPLE" }),
    grants: [["apigateway:GET", API("/restapis/3rbEXAMPLE/resources/5tfEXAMPLE"), ROUTE("GET", `${REST}/resources/{resourceId}`)]],
  },
  // The request path of CreateResource is under its parent resource, but iam-data lists POST only
  // on the Resources collection: reported, not forced into a type it does not fit.
  {
    row: call("apigateway", "CreateResource", { restApiId: "3rbEXAMPLE", parentId: "5tfEXAMPLE" }),
    unmapped: [[
      "apigateway:POST",
      "arn:aws:apigateway:eu-west-1::/restapis/3rbEXAMPLE/resources/5tfEXAMPLE fits none of apigateway:POST's resource types in iam-data",
    ]],
  },
  {
    row: call("apigateway", "UpdateMethodResponse", { restApiId: "3rb", resourceId: "5tf", httpMethod: "GET", statusCode: "200" }),
    grants: [["apigateway:PATCH", API("/restapis/3rb/resources/5tf/methods/GET/responses/200"), ROUTE("PATCH", `${METHOD_PATH}/responses/{statusCode}`)]],
  },
  {
    row: call("apigateway", "GetExport", { restApiId: "3rb", stageName: "prod", exportType: "oas30" }),
    grants: [["apigateway:GET", API("/restapis/3rb/stages/prod/exports/oas30"), ROUTE("GET", `${REST}/stages/{stageName}/exports/{exportType}`)]],
  },
  {
    row: call("apigateway", "GetSdk", { restApiId: "3rb", stageName: "prod", sdkType: "javascript" }),
    grants: [["apigateway:GET", API("/restapis/3rb/stages/prod/sdks/javascript"), ROUTE("GET", `${REST}/stages/{stageName}/sdks/{sdkType}`)]],
  },
  {
    row: call("apigateway", "DeleteDeployment", { restApiId: "3rb", deploymentId: "dep1" }),
    grants: [["apigateway:DELETE", API("/restapis/3rb/deployments/dep1"), ROUTE("DELETE", `${REST}/deployments/{deploymentId}`)]],
  },
  {
    row: call("apigateway", "GetAuthorizer", { restApiId: "3rb", authorizerId: "auth1" }),
    grants: [["apigateway:GET", API("/restapis/3rb/authorizers/auth1"), ROUTE("GET", `${REST}/authorizers/{authorizerId}`)]],
  },
  {
    row: call("apigateway", "GetModel", { restApiId: "3rb", modelName: "Order" }),
    grants: [["apigateway:GET", API("/restapis/3rb/models/Order"), ROUTE("GET", `${REST}/models/{modelName}`)]],
  },
  { row: call("apigateway", "GetApiKey", { apiKey: "k1" }), grants: [["apigateway:GET", API("/apikeys/k1"), ROUTE("GET", "/apikeys/{apiKey}")]] },
  { row: call("apigateway", "GetUsagePlan", { usagePlanId: "up1" }), grants: [["apigateway:GET", API("/usageplans/up1"), ROUTE("GET", "/usageplans/{usagePlanId}")]] },
  {
    row: call("apigateway", "DeleteDomainName", { domainName: "api.example.com" }),
    grants: [["apigateway:DELETE", API("/domainnames/api.example.com"), ROUTE("DELETE", "/domainnames/{domainName}")]],
  },
  // An HTTP API (v2) call of the same name as a REST API one: the parameters tell the route.
  { row: call("apigateway", "GetStages", { apiId: "a1b2" }), grants: [["apigateway:GET", API("/apis/a1b2/stages"), ROUTE("GET", "/apis/{apiId}/stages")]] },
  {
    row: call("apigateway", "GetResources"),
    unmapped: [["apigateway:GET", "the event lacks requestParameters.restApiId for the request path of GetResources"]],
  },
  // A tagged resource's ARN is URL-encoded in the request path, and so in the resource IAM authorizes.
  {
    row: call("apigateway", "UntagResource", { resourceArn: "arn:aws:apigateway:eu-west-1::/restapis/3rb" }),
    grants: [["apigateway:DELETE", API("/tags/arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Frestapis%2F3rb"), ROUTE("DELETE", "/tags/{resourceArn}")]],
  },
  // iam-data lists the HTTP API's exportedapi type on no verb: reported, not forced.
  {
    row: call("apigateway", "ExportApi", { apiId: "a1b2", specification: "OAS30" }),
    unmapped: [["apigateway:GET", "arn:aws:apigateway:eu-west-1::/apis/a1b2/exports/OAS30 fits none of apigateway:GET's resource types in iam-data"]],
  },
  // No route: the verb follows the name, the path is not guessed.
  {
    row: call("apigateway", "GetVpcLinks"),
    unmapped: [["apigateway:GET", "API Gateway authorizes GetVpcLinks on its request path, and APIGATEWAY_ROUTES has no route for it"]],
  },
];

// ---------------------------------------------------------------------------------------------
// iam:PassRole (ROLE_PASSING_CALLS): never logged, read from the role the request names.

const ROLE = (name: string, account = A) => `arn:aws:iam::${account}:role/${name}`;

export const PASS_ROLE_CASES: readonly RecordCase[] = [
  {
    row: call("ecs", "RegisterTaskDefinition", { family: "payments-api", taskRoleArn: ROLE("ecs/payments-task"), executionRoleArn: ROLE("ecs/payments-exec") }),
    grants: [
      ["ecs:RegisterTaskDefinition", ECS("task-definition/payments-api:*"), `${P("family")} (every revision)`],
      ["iam:PassRole", ROLE("ecs/payments-task"), P("taskRoleArn")],
      ["iam:PassRole", ROLE("ecs/payments-exec"), P("executionRoleArn")],
    ],
  },
  {
    // Both roles overridden: the task definition's are not passed, nothing is left unnamed.
    row: call("ecs", "RunTask", {
      cluster: "main", taskDefinition: "batch:3", "overrides.taskRoleArn": ROLE("batch-task"), "overrides.executionRoleArn": ROLE("batch-exec"),
    }),
    grants: [
      ["ecs:RunTask", ECS("task-definition/batch:*"), `${P("taskDefinition")} (every revision)`],
      ["iam:PassRole", ROLE("batch-task"), P("overrides.taskRoleArn")],
      ["iam:PassRole", ROLE("batch-exec"), P("overrides.executionRoleArn")],
    ],
  },
  {
    // A role name (with its path) is a role in the caller's account.
    row: call("ecs", "CreateService", { cluster: "main", serviceName: "web", role: "service-role/ecs-lb" }),
    grants: [
      ["ecs:CreateService", ECS("service/main/web"), `${P("serviceName")} + ${P("cluster")}`],
      ["iam:PassRole", ROLE("service-role/ecs-lb"), P("role")],
    ],
    unmapped: [["iam:PassRole", `CreateService also passes ${TASK_DEFINITION_ROLES}`]],
  },
  {
    row: s3("PutBucketReplication", { bucketName: BUCKET, "ReplicationConfiguration.Role": ROLE("s3-replication") }),
    grants: [
      ["s3:PutReplicationConfiguration", BUCKET_ARN, P("bucketName")],
      ["iam:PassRole", ROLE("s3-replication"), P("ReplicationConfiguration.Role")],
    ],
  },
  {
    // The role is required and was not found: said, not guessed.
    row: s3("PutBucketReplication"),
    grants: [["s3:PutReplicationConfiguration", BUCKET_ARN, P("bucketName")]],
    unmapped: [["iam:PassRole", "PutBucketReplication passes a role, and the event names none where expected (requestParameters.ReplicationConfiguration.Role)"]],
  },
  {
    row: call("events", "PutTargets", {
      rule: "nightly",
      targets: json([{ id: "1", arn: `arn:aws:ecs:${R}:${A}:cluster/main`, roleArn: ROLE("events-run-task") }, { id: "2", arn: QUEUE }]),
    }),
    grants: [
      ["events:PutTargets", `arn:aws:events:${R}:${A}:rule/nightly`, P("rule")],
      ["iam:PassRole", ROLE("events-run-task"), `${P("targets")}[].roleArn`],
    ],
  },
  {
    row: call("sns", "SetTopicAttributes", { topicArn: TOPIC, attributeName: "LambdaFailureFeedbackRoleArn", attributeValue: ROLE("sns-feedback") }),
    grants: [
      ["sns:SetTopicAttributes", TOPIC, P("topicArn")],
      ["iam:PassRole", ROLE("sns-feedback"), P("attributeValue")],
    ],
  },
  {
    // Not a role attribute: no PassRole.
    row: call("sns", "SetTopicAttributes", { topicArn: TOPIC, attributeName: "DisplayName", attributeValue: "Payments" }),
    grants: [["sns:SetTopicAttributes", TOPIC, P("topicArn")]],
  },
  {
    row: call("lambda", "CreateFunction20150331", { functionName: "settle", role: ROLE("settle-fn") }),
    grants: [
      ["lambda:CreateFunction", `arn:aws:lambda:${R}:${A}:function:settle`, P("functionName")],
      ["iam:PassRole", ROLE("settle-fn"), P("role")],
    ],
  },
];

/**
 * One call per role parameter the engine selects, named in the call's own event source: the row
 * passes that parameter, and test/mapping/passed-roles.test.ts checks the grant it gives.
 */
export const PASS_ROLE_PARAMETER_CASES: readonly RecordCase[] = Object.keys(PARAMETER_SELECTION.parameters).flatMap((source) => {
  const prefix = servicePrefixOf(source);
  return Object.entries(ROLE_PASSING_CALLS)
    .filter(([key]) => key.startsWith(`${prefix}:`))
    .flatMap(([key, passing]) => {
      const eventName = key.slice(prefix.length + 1);
      const host = source.replace(/\.amazonaws\.com$/, "");
      const rows = passing.roles.map((role) => {
        const value = role.listField === undefined ? ROLE(`passed-by-${eventName}`) : json([{ id: "1", [role.listField]: ROLE(`passed-by-${eventName}`) }]);
        const gate = role.when === undefined ? {} : { [role.when.parameter]: "HTTPSuccessFeedbackRoleArn" };
        return call(host, eventName, { [role.parameter]: value, ...gate });
      });
      const profiles = (passing.notInEvent?.onlyWith ?? []).map((name) => call(host, eventName, { [name]: "web-profile" }));
      return [...rows, ...profiles].map((row): RecordCase => ({ row }));
    });
});

// ---------------------------------------------------------------------------------------------
// FEATURE_RULES: request features (the engine's one-bit flags) that change or add actions.

const FEATURE_KEY = "exports/summary.csv";
const OBJECT = `${BUCKET_ARN}/${FEATURE_KEY}`;
const VIA_KEY = `${P("bucketName")} + object keys: 1 exact`;
const featured = (eventName: string, ...flags: string[]) =>
  s3(eventName, { bucketName: BUCKET, ...Object.fromEntries(flags.map((flag) => [flag, "true"])) }, { objectKeys: objectKeys([FEATURE_KEY]) });

export const FEATURE_CASES: readonly RecordCase[] = [
  { row: featured("GetObject", "has:versionId"), grants: [["s3:GetObjectVersion", OBJECT, VIA_KEY]] },
  { row: featured("HeadObject", "has:versionId"), grants: [["s3:GetObjectVersion", OBJECT, VIA_KEY]] },
  { row: featured("DeleteObject", "has:versionId"), grants: [["s3:DeleteObjectVersion", OBJECT, VIA_KEY]] },
  { row: featured("DeleteObject"), grants: [["s3:DeleteObject", OBJECT, VIA_KEY]] },
  { row: featured("GetObjectAcl", "has:versionId"), grants: [["s3:GetObjectVersionAcl", OBJECT, VIA_KEY]] },
  { row: featured("PutObjectAcl", "has:versionId"), grants: [["s3:PutObjectVersionAcl", OBJECT, VIA_KEY]] },
  { row: featured("GetObjectTagging", "has:versionId"), grants: [["s3:GetObjectVersionTagging", OBJECT, VIA_KEY]] },
  { row: featured("PutObjectTagging", "has:versionId"), grants: [["s3:PutObjectVersionTagging", OBJECT, VIA_KEY]] },
  { row: featured("DeleteObjectTagging", "has:versionId"), grants: [["s3:DeleteObjectVersionTagging", OBJECT, VIA_KEY]] },
  { row: featured("GetObjectAttributes"), grants: [["s3:GetObject", OBJECT, VIA_KEY], ["s3:GetObjectAttributes", OBJECT, VIA_KEY]] },
  {
    row: featured("GetObjectAttributes", "has:versionId"),
    grants: [["s3:GetObjectVersion", OBJECT, VIA_KEY], ["s3:GetObjectVersionAttributes", OBJECT, VIA_KEY]],
  },
  { row: featured("PutObject", "has:x-amz-acl"), grants: [["s3:PutObject", OBJECT, VIA_KEY], ["s3:PutObjectAcl", OBJECT, VIA_KEY]] },
  { row: featured("PutObject", "has:x-amz-grant-full-control"), actions: ["s3:PutObject", "s3:PutObjectAcl"] },
  { row: featured("PutObject", "has:x-amz-grant-read", "has:x-amz-grant-read-acp", "has:x-amz-grant-write-acp"), actions: ["s3:PutObject", "s3:PutObjectAcl"] },
  { row: featured("CreateMultipartUpload", "has:x-amz-tagging"), grants: [["s3:PutObject", OBJECT, VIA_KEY], ["s3:PutObjectTagging", OBJECT, VIA_KEY]] },
  { row: featured("PutObject", "has:x-amz-object-lock-mode", "has:x-amz-object-lock-retain-until-date"), actions: ["s3:PutObject", "s3:PutObjectRetention"] },
  { row: featured("PutObject", "has:x-amz-object-lock-legal-hold"), actions: ["s3:PutObject", "s3:PutObjectLegalHold"] },
  { row: featured("DeleteObject", "has:x-amz-bypass-governance-retention"), actions: ["s3:DeleteObject", "s3:BypassGovernanceRetention"] },
  { row: featured("PutObjectRetention", "has:x-amz-bypass-governance-retention"), actions: ["s3:PutObjectRetention", "s3:BypassGovernanceRetention"] },
  {
    // CopyObject's ACL and tagging headers are the new object's: the actions go to the target, GetObject stays on the source.
    row: s3("CopyObject", { bucketName: BUCKET, "x-amz-copy-source": "incoming/2026/01/", "has:x-amz-acl": "true", "has:x-amz-tagging": "true" }, {
      objectKeys: objectKeys([FEATURE_KEY]),
    }),
    grants: [
      ["s3:GetObject", "arn:aws:s3:::incoming/2026/01/*", `${P("x-amz-copy-source")} (folder)`],
      ["s3:PutObject", OBJECT, VIA_KEY],
      ["s3:PutObjectAcl", OBJECT, VIA_KEY],
      ["s3:PutObjectTagging", OBJECT, VIA_KEY],
    ],
  },
  { row: featured("CreateMultipartUpload", "has:x-amz-acl"), actions: ["s3:PutObject", "s3:PutObjectAcl"] },
  { row: featured("PutObject", "has:x-amz-tagging"), actions: ["s3:PutObject", "s3:PutObjectTagging"] },
  { row: featured("CreateMultipartUpload", "has:x-amz-object-lock-mode"), actions: ["s3:PutObject", "s3:PutObjectRetention"] },
  { row: featured("CreateMultipartUpload", "has:x-amz-object-lock-legal-hold"), actions: ["s3:PutObject", "s3:PutObjectLegalHold"] },
  { row: featured("CopyObject", "has:x-amz-object-lock-retain-until-date", "has:x-amz-object-lock-legal-hold"), actions: ["s3:PutObject", "s3:GetObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold"] },
  {
    row: s3("DeleteObjects", { bucketName: BUCKET, "has:x-amz-bypass-governance-retention": "true" }),
    actions: ["s3:DeleteObject", "s3:BypassGovernanceRetention"],
    unmapped: [
      ["s3:BypassGovernanceRetention", "DeleteObjects names its keys in the request body, which CloudTrail does not log"],
      ["s3:DeleteObject", "DeleteObjects names its keys in the request body, which CloudTrail does not log"],
    ],
  },
  // A copy of one version of the source reads that version (issue 14): s3:GetObjectVersion instead of s3:GetObject on the source.
  ...["CopyObject", "UploadPartCopy"].map((eventName): RecordCase => ({
    row: s3(eventName, { bucketName: BUCKET, "x-amz-copy-source": "incoming/2026/01/", "has:copySourceVersionId": "true" }, { objectKeys: objectKeys([FEATURE_KEY]) }),
    grants: [
      ["s3:GetObjectVersion", "arn:aws:s3:::incoming/2026/01/*", `${P("x-amz-copy-source")} (folder)`],
      ["s3:PutObject", OBJECT, VIA_KEY],
    ],
  })),
  // A flag no rule reads for the call changes nothing: a version id on PutObject is no request feature.
  { row: featured("PutObject", "has:versionId"), grants: [["s3:PutObject", OBJECT, VIA_KEY]] },
];

// ---------------------------------------------------------------------------------------------
// DEPENDENT_ACTIONS: what the service does with the caller's credentials (S3 objects the request
// names), and permission-only dependencies. Granted only on what the request names; reported where
// it names nothing or the event cannot show that the action is needed.

const FOLDER_OBJECTS = (parameters: string) => `${parameters}: the objects of the folder the request names (scoped pattern)`;
const UNDER = (parameters: string) => `${parameters}: the objects the call names under it (scoped pattern)`;
const CONNECT_DIRECTORY_WHY =
  "may need ds:DescribeDirectories when the instance's users are managed in an AWS Directory Service directory (identity management type EXISTING_DIRECTORY or CONNECT_MANAGED), which the event does not show";

/** A value of each parameter as the engine keeps it (folders cut after their last "/"). */
const DEPENDENT_SAMPLE_VALUES: Readonly<Record<string, string | readonly string[]>> = {
  "document.s3Object.bucket": "docs-in",
  "document.s3Object.name": "in/",
  "documentLocation.s3Object.bucket": "docs-in",
  "documentLocation.s3Object.name": "in/",
  "media.mediaFileUri": "s3://media-in/calls/",
  vocabularyFileUri: "s3://vocab-files/lists/",
  vocabularyFilterFileUri: "s3://vocab-files/filters/",
  "location.s3Location.bucketArn": "arn:aws:s3:::msk-plugins",
  "location.s3Location.fileKey": "plugins/",
  outputS3BucketName: "speech-out",
  outputS3KeyPrefix: "out/",
  s3BucketName: "aws-waf-migration-web",
  logBucket: "flow-logs",
  instanceId: "inst-1",
  identityManagementType: "EXISTING_DIRECTORY",
  directoryId: "d-1234567890",
  authenticationProviders: ["AWS_SSO"],
  portalAuthMode: "SSO",
};

export const DEPENDENT_CASES: readonly RecordCase[] = [
  {
    row: call("textract", "AnalyzeDocument", { "document.s3Object.bucket": "docs-in", "document.s3Object.name": "invoices/2026/" }),
    grants: [
      ["textract:AnalyzeDocument", "*", STAR],
      ["s3:GetObject", "arn:aws:s3:::docs-in/invoices/2026/*", FOLDER_OBJECTS(`${P("document.s3Object.bucket")} + ${P("document.s3Object.name")}`)],
    ],
  },
  // A document at the bucket's root keeps no folder, and no bucket-wide grant stands in for it.
  {
    row: call("textract", "AnalyzeDocument", { "document.s3Object.bucket": "docs-in" }),
    grants: [["textract:AnalyzeDocument", "*", STAR]],
    unmapped: [
      [
        "s3:GetObject",
        "AnalyzeDocument also needs s3:GetObject: the event names no S3 bucket and folder for it (requestParameters.document.s3Object.bucket, requestParameters.document.s3Object.name: absent, not a bucket, or an object at the bucket's root, whose name the engine does not keep)",
      ],
    ],
  },
  {
    row: call("textract", "StartDocumentAnalysis", { "documentLocation.s3Object.bucket": "docs-in", "documentLocation.s3Object.name": "scans/" }),
    grants: [
      ["textract:StartDocumentAnalysis", "*", STAR],
      ["s3:GetObject", "arn:aws:s3:::docs-in/scans/*", FOLDER_OBJECTS(`${P("documentLocation.s3Object.bucket")} + ${P("documentLocation.s3Object.name")}`)],
    ],
  },
  {
    row: call("textract", "AnalyzeID"),
    grants: [["textract:AnalyzeID", "*", STAR]],
    unmapped: [["s3:GetObject", "AnalyzeID may need s3:GetObject on the S3 objects of its documentPages, a list of objects the engine does not keep (one name per page)"]],
  },
  {
    row: call("transcribe", "StartTranscriptionJob", { "media.mediaFileUri": "s3://calls-in/2026/11/" }),
    grants: [
      ["transcribe:StartTranscriptionJob", "*", STAR],
      ["s3:GetObject", "arn:aws:s3:::calls-in/2026/11/*", FOLDER_OBJECTS(P("media.mediaFileUri"))],
    ],
  },
  // Path-style HTTPS URIs name the bucket in the path (S3 User Guide, "Methods for accessing a bucket").
  {
    row: call("transcribe", "CreateVocabulary", { vocabularyFileUri: "https://s3.eu-west-1.amazonaws.com/vocab-files/medical/" }),
    grants: [
      ["transcribe:CreateVocabulary", "*", STAR],
      ["s3:GetObject", "arn:aws:s3:::vocab-files/medical/*", FOLDER_OBJECTS(P("vocabularyFileUri"))],
    ],
  },
  {
    row: call("transcribe", "CreateVocabularyFilter", { vocabularyFilterFileUri: "s3://vocab-files/" }),
    grants: [["transcribe:CreateVocabularyFilter", "*", STAR]],
    unmapped: [
      [
        "s3:GetObject",
        "CreateVocabularyFilter also needs s3:GetObject: the object is at the root of bucket vocab-files, and the engine keeps object names only up to their folder (requestParameters.vocabularyFilterFileUri)",
      ],
    ],
  },
  {
    row: call("kafkaconnect", "CreateCustomPlugin", { "location.s3Location.bucketArn": "arn:aws:s3:::msk-plugins", "location.s3Location.fileKey": "debezium/" }),
    grants: [
      ["kafkaconnect:CreateCustomPlugin", "*", STAR],
      ["s3:GetObject", "arn:aws:s3:::msk-plugins/debezium/*", FOLDER_OBJECTS(`${P("location.s3Location.bucketArn")} + ${P("location.s3Location.fileKey")}`)],
    ],
  },
  {
    row: call("polly", "StartSpeechSynthesisTask", { outputS3BucketName: "speech-out", outputS3KeyPrefix: "news/" }),
    actions: ["polly:StartSpeechSynthesisTask", "s3:PutObject"],
    grants: [["s3:PutObject", "arn:aws:s3:::speech-out/news/*", UNDER(`${P("outputS3BucketName")} + ${P("outputS3KeyPrefix")}`)]],
    unmapped: [["polly:StartSpeechSynthesisTask", "the event names no lexicon ARN"]],
  },
  {
    row: call("waf", "CreateWebACLMigrationStack", { s3BucketName: "aws-waf-migration-web" }),
    grants: [["s3:PutObject", "arn:aws:s3:::aws-waf-migration-web/*", UNDER(P("s3BucketName"))]],
    unmapped: [["waf:CreateWebACLMigrationStack", "the event names no webacl ARN"]],
  },
  {
    row: call("waf-regional", "CreateWebACLMigrationStack", { s3BucketName: "aws-waf-migration-api" }),
    grants: [["s3:PutObject", "arn:aws:s3:::aws-waf-migration-api/*", UNDER(P("s3BucketName"))]],
    unmapped: [["waf-regional:CreateWebACLMigrationStack", "the event names no webacl ARN"]],
  },
  // No bucket in the event: reported, never s3:* on "*".
  {
    row: call("waf", "CreateWebACLMigrationStack"),
    grants: [],
    unmapped: [
      ["s3:PutObject", "CreateWebACLMigrationStack also needs s3:PutObject: the event names no S3 bucket for it (requestParameters.s3BucketName)"],
      ["waf:CreateWebACLMigrationStack", "the event names no webacl ARN"],
    ],
  },
  {
    row: call("shield", "DisassociateDRTLogBucket", { logBucket: "flow-logs" }),
    grants: [
      ["shield:DisassociateDRTLogBucket", "*", STAR],
      ["s3:DeleteBucketPolicy", "arn:aws:s3:::flow-logs", P("logBucket")],
    ],
  },
  {
    row: call("connect", "ListUseCases", { instanceId: "inst-1" }),
    actions: ["connect:ListUseCases", "connect:DescribeInstance", "ds:DescribeDirectories"],
    grants: [["connect:DescribeInstance", `arn:aws:connect:${R}:${A}:instance/inst-1`, P("instanceId")]],
    unmapped: [
      ["connect:ListUseCases", "the event names no instance ARN"],
      ["ds:DescribeDirectories", `ListUseCases ${CONNECT_DIRECTORY_WHY}`],
    ],
  },
  {
    row: call("connect", "CreateInstance", { identityManagementType: "EXISTING_DIRECTORY", directoryId: "d-1234567890" }),
    grants: [
      ["connect:CreateInstance", "*", STAR],
      ["ds:AuthorizeApplication", `arn:aws:ds:${R}:${A}:directory/d-1234567890`, P("directoryId")],
    ],
  },
  // An instance that manages its own users authorizes no directory.
  { row: call("connect", "CreateInstance", { identityManagementType: "CONNECT_MANAGED" }), grants: [["connect:CreateInstance", "*", STAR]] },
  {
    row: call("grafana", "CreateWorkspace", { authenticationProviders: ["AWS_SSO", "SAML"] }),
    grants: [
      ["grafana:CreateWorkspace", "*", STAR],
      ["sso:CreateManagedApplicationInstance", "*", STAR],
      ["sso:DescribeRegisteredRegions", "*", STAR],
      ["sso:GetSharedSsoConfiguration", "*", STAR],
      ["organizations:DescribeOrganization", "*", STAR],
    ],
  },
  { row: call("grafana", "CreateWorkspace", { authenticationProviders: ["SAML"] }), grants: [["grafana:CreateWorkspace", "*", STAR]] },
  { row: call("iotsitewise", "CreatePortal", { portalAuthMode: "IAM" }), grants: [["iotsitewise:CreatePortal", "*", STAR]] },
  // SSO is CreatePortal's default.
  { row: call("iotsitewise", "CreatePortal"), grants: [["iotsitewise:CreatePortal", "*", STAR], ["sso:CreateManagedApplicationInstance", "*", STAR]] },
  { row: call("iotfleethub", "CreateApplication"), grants: [["iotfleethub:CreateApplication", "*", STAR], ["sso:CreateManagedApplicationInstance", "*", STAR]] },
  {
    row: call("nimble", "PutStudioMembers"),
    grants: [["sso-directory:DescribeUsers", "*", STAR]],
    unmapped: [["nimble:PutStudioMembers", "the event names no studio ARN"]],
  },
  // Every other call of the table, with each parameter its row reads (record-cases.test.ts checks the actions it gives).
  ...DEPENDENT_ACTIONS.flatMap((rule) =>
    rule.calls.map((key): RecordCase => {
      const prefix = key.slice(0, key.indexOf(":"));
      const parameters = Object.fromEntries(dependentRuleParameters(rule).map((name) => [name, DEPENDENT_SAMPLE_VALUES[name] ?? "sample"]));
      return { row: call(prefix, key.slice(prefix.length + 1), parameters) };
    }),
  ),
];


export const ALL_CASES: readonly RecordCase[] = [
  ...SERVICE_PREFIX_CASES, ...ACTION_CASES, ...RENAMED_CASES, ...TAG_ON_CREATE_CASES, ...FEATURE_CASES, ...DEPENDENT_CASES, ...ARN_CASES, ...PARAMETER_ARN_CASES, ...APIGATEWAY_CASES, ...PASS_ROLE_CASES, ...PASS_ROLE_PARAMETER_CASES,
];
