import type { UsageRow } from "../engines/usage-row.js";
import { stripVersionSuffix } from "./event-actions.js";
import { REQUEST_FLAGS } from "./request-features.js";
import { servicePrefixOf } from "./service-prefix.js";

/**
 * The reference: calls as CloudTrail records them, and the actions and resources each needs, with
 * the AWS documentation that says so. test/mapping/references/reference-calls.test.ts runs every
 * row through the local engine and the mapping and requires exactly these grants; `explain
 * --summary` reports the share of a role's calls whose (service, call, request features) the
 * reference holds. Every row is one call by one role in REFERENCE_REGION and REFERENCE_ACCOUNT.
 * Where iam-dataset (2022 map) or trailscraper answer otherwise, `peers` says who is right and why.
 */
export interface ReferenceCall {
  readonly eventSource: string;
  readonly eventName: string;
  /** requestParameters as CloudTrail logs them (a version id, a statement, an entry list: the whole request). */
  readonly requestParameters?: Readonly<Record<string, unknown>>;
  /** resources[] as CloudTrail logs them, for data events that name their resources there. */
  readonly resources?: readonly { readonly ARN: string; readonly type: string }[];
  /** Every [action, resource] granted, implied grants included. */
  readonly grants: readonly (readonly [action: string, resource: string])[];
  /** Actions reported Unmapped (with their reason), when the call cannot be granted in full. */
  readonly unmapped?: readonly string[];
  readonly source: string;
  readonly peers?: string;
}

export const REFERENCE_REGION = "us-east-1";
export const REFERENCE_ACCOUNT = "111122223333";
const R = REFERENCE_REGION;
const A = REFERENCE_ACCOUNT;
const B = "444455556666";

const SAR = (service: string, action: string) => `Service Authorization Reference, ${service}: ${action}`;

type Grants = ReferenceCall["grants"];
function call(host: string, eventName: string, requestParameters: Record<string, unknown> | undefined, grants: Grants, source: string, extra: Partial<ReferenceCall> = {}): ReferenceCall {
  return { eventSource: `${host}.amazonaws.com`, eventName, ...(requestParameters === undefined ? {} : { requestParameters }), grants, source, ...extra };
}
const each = (action: string, ...resources: string[]): Grants => resources.map((resource) => [action, resource] as const);

// --- S3 ---------------------------------------------------------------------------------------
const BUCKET = "acme-docs";
const OBJ = (key: string) => `arn:aws:s3:::${BUCKET}/${key}`;
const s3 = (eventName: string, key: string | null, extra: Record<string, unknown>, grants: Grants, source: string, more: Partial<ReferenceCall> = {}) =>
  call("s3", eventName, { bucketName: BUCKET, Host: `${BUCKET}.s3.amazonaws.com`, ...(key === null ? {} : { key }), ...extra }, grants, source, more);
const S3_API = "S3 API Reference";
const S3_PERMS = "S3 User Guide, 'Required permissions for Amazon S3 API operations'";

const S3_CALLS: readonly ReferenceCall[] = [
  s3("GetObject", "reports/q3.pdf", {}, each("s3:GetObject", OBJ("reports/q3.pdf")), `${S3_API}, GetObject: s3:GetObject`),
  s3("GetObject", "reports/q3.pdf", { versionId: "3HL4kqtJlcpXroDTDmJ" }, each("s3:GetObjectVersion", OBJ("reports/q3.pdf")), `${S3_API}, GetObject versionId: s3:GetObjectVersion, and s3:GetObject is not required`),
  s3("HeadObject", "reports/q3.pdf", {}, each("s3:GetObject", OBJ("reports/q3.pdf")), `${S3_API}, HeadObject Permissions: s3:GetObject`, {
    peers: "iam-dataset lists s3:GetObjectVersion too, marked conditional: it is needed only with a versionId, and then instead of s3:GetObject (next row). Ours is right.",
  }),
  s3("HeadObject", "reports/q3.pdf", { versionId: "v2" }, each("s3:GetObjectVersion", OBJ("reports/q3.pdf")), `${S3_API}, HeadObject: 'the relevant read object (or version) permission'`),
  s3("PutObject", "in/a.csv", {}, each("s3:PutObject", OBJ("in/a.csv")), `${S3_API}, PutObject: s3:PutObject`),
  s3("PutObject", "in/a.csv", { "x-amz-acl": "bucket-owner-full-control" }, [...each("s3:PutObject", OBJ("in/a.csv")), ...each("s3:PutObjectAcl", OBJ("in/a.csv"))], `${S3_API}, PutObject: the ACL headers need s3:PutObjectAcl`, {
    peers: "trailscraper and iam-dataset grant s3:PutObject alone for a PutObject: the canned ACL header needs s3:PutObjectAcl too, or S3 refuses the upload. Ours is right.",
  }),
  s3("PutObject", "in/b.csv", { "x-amz-grant-read": "id=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, [...each("s3:PutObject", OBJ("in/b.csv")), ...each("s3:PutObjectAcl", OBJ("in/b.csv"))], `${S3_API}, PutObject x-amz-grant-read: needs s3:PutObjectAcl`),
  s3("PutObject", "tagged/c.csv", { "x-amz-tagging": "team=payments" }, [...each("s3:PutObject", OBJ("tagged/c.csv")), ...each("s3:PutObjectTagging", OBJ("tagged/c.csv"))], `${S3_API}, PutObject x-amz-tagging; S3 User Guide, 'Tagging and access control policies'`),
  s3("PutObject", "locked/d.csv", { "x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2030-01-01T00:00:00Z" }, [...each("s3:PutObject", OBJ("locked/d.csv")), ...each("s3:PutObjectRetention", OBJ("locked/d.csv"))], "S3 User Guide, 'Object Lock considerations': s3:PutObjectRetention to set retention on upload"),
  s3("PutObject", "held/e.csv", { "x-amz-object-lock-legal-hold": "ON" }, [...each("s3:PutObject", OBJ("held/e.csv")), ...each("s3:PutObjectLegalHold", OBJ("held/e.csv"))], "S3 User Guide, 'Object Lock considerations': s3:PutObjectLegalHold to set a legal hold on upload"),
  s3("PutObject", "enc/f.csv", { "x-amz-server-side-encryption": "aws:kms" }, each("s3:PutObject", OBJ("enc/f.csv")), `${S3_API}, PutObject SSE-KMS: the KMS permissions are checked in calls S3 makes to KMS, which CloudTrail logs on their own (kms:GenerateDataKey, invokedBy s3.amazonaws.com)`),
  s3("DeleteObject", "old/g.csv", {}, each("s3:DeleteObject", OBJ("old/g.csv")), `${S3_API}, DeleteObject: s3:DeleteObject`),
  s3("DeleteObject", "old/g.csv", { versionId: "v9" }, each("s3:DeleteObjectVersion", OBJ("old/g.csv")), `${S3_API}, DeleteObject versionId: s3:DeleteObjectVersion`),
  s3("DeleteObject", "old/g.csv", { versionId: "v9", "x-amz-bypass-governance-retention": "true" }, [...each("s3:BypassGovernanceRetention", OBJ("old/g.csv")), ...each("s3:DeleteObjectVersion", OBJ("old/g.csv"))], "S3 User Guide, 'Bypassing governance mode': s3:BypassGovernanceRetention"),
  s3("CopyObject", "copies/h.csv", { "x-amz-copy-source": "acme-inbox/incoming/h.csv" }, [...each("s3:GetObject", "arn:aws:s3:::acme-inbox/incoming/*"), ...each("s3:PutObject", OBJ("copies/h.csv"))], `${S3_API}, CopyObject: s3:GetObject on the source, s3:PutObject on the target`, {
    peers: "iam-dataset adds s3:GetObjectTagging, s3:ListBucket, s3:PutObjectAcl and s3:PutObjectTagging unconditionally: each is needed only with the header that asks for it (ACL, tagging), and ListBucket only turns a 403 into a 404. Ours is right.",
  }),
  s3("CopyObject", "copies/i.csv", { "x-amz-copy-source": "acme-inbox/incoming/i.csv", "x-amz-acl": "private" }, [...each("s3:GetObject", "arn:aws:s3:::acme-inbox/incoming/*"), ...each("s3:PutObject", OBJ("copies/i.csv")), ...each("s3:PutObjectAcl", OBJ("copies/i.csv"))], `${S3_API}, CopyObject: the ACL headers need s3:PutObjectAcl on the target`),
  s3("CreateMultipartUpload", "big/j.bin", { uploads: "", "x-amz-tagging": "k=v" }, [...each("s3:PutObject", OBJ("big/j.bin")), ...each("s3:PutObjectTagging", OBJ("big/j.bin"))], `${S3_API}, CreateMultipartUpload: s3:PutObject, and s3:PutObjectTagging for x-amz-tagging`),
  s3("UploadPart", "big/j.bin", { partNumber: "3", uploadId: "u-1" }, each("s3:PutObject", OBJ("big/j.bin")), `${S3_PERMS}: UploadPart needs s3:PutObject`),
  s3("CompleteMultipartUpload", "big/j.bin", { uploadId: "u-1" }, each("s3:PutObject", OBJ("big/j.bin")), `${S3_PERMS}: CompleteMultipartUpload needs s3:PutObject`),
  s3("UploadPart", null, { partNumber: "4", uploadId: "u-2" }, each("s3:PutObject", OBJ("big/k.bin")), `${S3_PERMS}: UploadPart needs s3:PutObject; the object is named only by resources[]`, {
    resources: [{ ARN: OBJ("big/k.bin"), type: "AWS::S3::Object" }, { ARN: `arn:aws:s3:::${BUCKET}`, type: "AWS::S3::Bucket" }],
  }),
  s3("ListObjectsV2", null, { "list-type": "2", prefix: "reports/" }, each("s3:ListBucket", `arn:aws:s3:::${BUCKET}`), `${S3_API}, ListObjectsV2: s3:ListBucket`),
  s3("ListObjectVersions", null, { versions: "" }, each("s3:ListBucketVersions", `arn:aws:s3:::${BUCKET}`), `${S3_PERMS}: ListObjectVersions needs s3:ListBucketVersions`),
  call("s3", "ListBuckets", { Host: "s3.amazonaws.com" }, each("s3:ListAllMyBuckets", "*"), SAR("Amazon S3", "ListAllMyBuckets has no resource type")),
  s3("GetBucketLocation", null, { location: "" }, each("s3:GetBucketLocation", `arn:aws:s3:::${BUCKET}`), SAR("Amazon S3", "GetBucketLocation (bucket)")),
  s3("HeadBucket", null, {}, each("s3:ListBucket", `arn:aws:s3:::${BUCKET}`), `${S3_API}, HeadBucket: s3:ListBucket`),
  s3("GetObjectTagging", "reports/q3.pdf", { tagging: "", versionId: "v3" }, each("s3:GetObjectVersionTagging", OBJ("reports/q3.pdf")), `${S3_PERMS}: GetObjectTagging with a versionId needs s3:GetObjectVersionTagging`),
  s3("PutObjectAcl", "reports/q3.pdf", { acl: "", versionId: "v3" }, each("s3:PutObjectVersionAcl", OBJ("reports/q3.pdf")), `${S3_PERMS}: PutObjectAcl with a versionId needs s3:PutObjectVersionAcl`),
  s3("GetObjectAttributes", "reports/q3.pdf", { attributes: "" }, [...each("s3:GetObject", OBJ("reports/q3.pdf")), ...each("s3:GetObjectAttributes", OBJ("reports/q3.pdf"))], `${S3_API}, GetObjectAttributes: without a version ID, s3:GetObject and s3:GetObjectAttributes`, {
    peers: "iam-dataset lists s3:GetObjectAttributes alone (its 2022 map predates the documented s3:GetObject requirement). Ours is right.",
  }),
  s3("DeleteObjects", null, { delete: "" }, [], `${S3_API}, DeleteObjects: s3:DeleteObject on each key, named only in the request body, which CloudTrail does not log`, { unmapped: ["s3:DeleteObject"] }),
  s3("PutBucketPolicy", null, { policy: "" }, each("s3:PutBucketPolicy", `arn:aws:s3:::${BUCKET}`), SAR("Amazon S3", "PutBucketPolicy (bucket)")),
];

// --- DynamoDB ---------------------------------------------------------------------------------
const TABLE = (name: string, account = A) => `arn:aws:dynamodb:${R}:${account}:table/${name}`;
const ddb = (eventName: string, requestParameters: Record<string, unknown>, grants: Grants, source: string, more: Partial<ReferenceCall> = {}) =>
  call("dynamodb", eventName, requestParameters, grants, source, more);
const DDB_API = "DynamoDB Developer Guide, 'DynamoDB API permissions: Actions, resources, and conditions reference'";
const TRANSACTIONS = "DynamoDB Developer Guide, 'Using IAM with DynamoDB transactions'";
const PARTIQL = "DynamoDB Developer Guide, 'IAM security policies with PartiQL for DynamoDB'";

const DYNAMODB_CALLS: readonly ReferenceCall[] = [
  ddb("GetItem", { tableName: "orders", key: { id: { S: "1" } } }, each("dynamodb:GetItem", TABLE("orders")), `${DDB_API}: GetItem`, { resources: [{ ARN: TABLE("orders"), type: "AWS::DynamoDB::Table" }] }),
  ddb("PutItem", { tableName: "orders", key: { id: { S: "2" } } }, each("dynamodb:PutItem", TABLE("orders")), `${DDB_API}: PutItem`),
  ddb("UpdateItem", { tableName: "orders", key: { id: { S: "3" } } }, each("dynamodb:UpdateItem", TABLE("orders")), `${DDB_API}: UpdateItem`),
  ddb("DeleteItem", { tableName: "orders", key: { id: { S: "4" } } }, each("dynamodb:DeleteItem", TABLE("orders")), `${DDB_API}: DeleteItem`),
  ddb("Query", { tableName: "orders", indexName: "by-customer" }, each("dynamodb:Query", `${TABLE("orders")}/index/*`), `${DDB_API}: Query on an index is authorized on the index ARN`),
  ddb("Scan", { tableName: "orders" }, each("dynamodb:Scan", TABLE("orders")), `${DDB_API}: Scan`),
  ddb("DescribeTable", { tableName: "orders" }, each("dynamodb:DescribeTable", TABLE("orders")), `${DDB_API}: DescribeTable`),
  ddb("BatchWriteItem", { requestItems: { orders: [{}], ledger: [{}] } }, each("dynamodb:BatchWriteItem", TABLE("orders"), TABLE("ledger")), `${DDB_API}: BatchWriteItem on each table`, {
    resources: [{ ARN: TABLE("orders"), type: "AWS::DynamoDB::Table" }, { ARN: TABLE("ledger"), type: "AWS::DynamoDB::Table" }],
  }),
  ddb("TransactWriteItems", {
    requestItems: [{ operation: "Put", tableName: "orders", key: {} }, { operation: "ConditionCheck", tableName: "ledger", key: {} }, { operation: "Update", tableName: "orders", key: {} }],
    clientRequestToken: "c1",
  }, [["dynamodb:ConditionCheckItem", TABLE("ledger")], ["dynamodb:PutItem", TABLE("orders")], ["dynamodb:UpdateItem", TABLE("orders")]], `${TRANSACTIONS}: each item is authorized as its own action on its table`, {
    peers: "iam-dataset lists all four item actions for every TransactWriteItems; only the kinds the request used are needed, each on its own table. Ours is right.",
  }),
  ddb("TransactWriteItems", { transactItems: [{ delete: { tableName: "orders", key: {} } }] }, each("dynamodb:DeleteItem", TABLE("orders")), `${TRANSACTIONS}: a Delete item needs dynamodb:DeleteItem`),
  ddb("TransactGetItems", { requestItems: [{ operation: "Get", tableName: "orders", key: {} }, { operation: "Get", tableName: "ledger", key: {} }] }, each("dynamodb:GetItem", TABLE("ledger"), TABLE("orders")), `${TRANSACTIONS}: TransactGetItems needs dynamodb:GetItem on each table`),
  ddb("ExecuteStatement", { statement: `SELECT * FROM "orders" WHERE "id" = '***'` }, each("dynamodb:PartiQLSelect", TABLE("orders")), `${PARTIQL}: SELECT needs dynamodb:PartiQLSelect`, {
    peers: "iam-dataset maps ExecuteStatement to all four PartiQL actions; the statement's verb decides. Ours is right.",
  }),
  ddb("ExecuteStatement", { statement: `UPDATE "orders" SET "note" = '***' WHERE "id" = '***'` }, each("dynamodb:PartiQLUpdate", TABLE("orders")), `${PARTIQL}: UPDATE needs dynamodb:PartiQLUpdate`),
  ddb("ExecuteStatement", { statement: `SELECT * FROM "orders"."by-customer" WHERE "customer" = '***'` }, each("dynamodb:PartiQLSelect", `${TABLE("orders")}/index/*`), `${PARTIQL}: a SELECT on an index is authorized on the index`),
  ddb("BatchExecuteStatement", { statements: [{ statement: `INSERT INTO "audit" VALUE {'id': '***'}` }, { statement: `DELETE FROM "orders" WHERE "id" = '***'` }] }, [["dynamodb:PartiQLDelete", TABLE("orders")], ["dynamodb:PartiQLInsert", TABLE("audit")]], `${PARTIQL}: each statement by its verb`),
  ddb("ExecuteTransaction", { transactStatements: [{ statement: `EXISTS(SELECT * FROM "ledger" WHERE "id" = '***')` }, { statement: `UPDATE "orders" SET "n" = '***' WHERE "id" = '***'` }] }, [["dynamodb:PartiQLSelect", TABLE("ledger")], ["dynamodb:PartiQLUpdate", TABLE("orders")]], `${PARTIQL}; DynamoDB Developer Guide, 'Using the EXISTS function': a condition check reads`),
  ddb("ExecuteStatement", { statement: "EXPLAIN something" }, [], `${PARTIQL}: a statement tighten cannot read names no verb or table, and is reported`, {
    unmapped: ["dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate"],
  }),
];

// --- messaging, keys, secrets, parameters -----------------------------------------------------
const QUEUE = `arn:aws:sqs:${R}:${A}:jobs`;
const QUEUE_URL = `https://sqs.${R}.amazonaws.com/${A}/jobs`;
const TOPIC = `arn:aws:sns:${R}:${A}:alerts`;
const KEY = `arn:aws:kms:${R}:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SQS = "SQS Developer Guide, 'Amazon SQS API permissions: Actions and resource reference'";
const SQS_BATCH = `${SQS}: a batch call is authorized as its single action`;
const SQS_BATCH_PEERS = "iam-dataset names sqs:*Batch actions, which IAM does not have (iam-data lists none). Ours is right.";

const MESSAGING_CALLS: readonly ReferenceCall[] = [
  call("sqs", "SendMessage", { queueUrl: QUEUE_URL }, each("sqs:SendMessage", QUEUE), `${SQS}: SendMessage`),
  call("sqs", "ReceiveMessage", { queueUrl: QUEUE_URL, maxNumberOfMessages: 10 }, each("sqs:ReceiveMessage", QUEUE), `${SQS}: ReceiveMessage`),
  call("sqs", "DeleteMessage", { queueUrl: QUEUE_URL, receiptHandle: "r" }, each("sqs:DeleteMessage", QUEUE), `${SQS}: DeleteMessage`),
  call("sqs", "SendMessageBatch", { queueUrl: QUEUE_URL }, each("sqs:SendMessage", QUEUE), SQS_BATCH, { peers: SQS_BATCH_PEERS }),
  call("sqs", "DeleteMessageBatch", { queueUrl: QUEUE_URL }, each("sqs:DeleteMessage", QUEUE), SQS_BATCH, { peers: SQS_BATCH_PEERS }),
  call("sqs", "ChangeMessageVisibility", { queueUrl: QUEUE_URL }, each("sqs:ChangeMessageVisibility", QUEUE), `${SQS}: ChangeMessageVisibility`),
  call("sqs", "GetQueueAttributes", { queueUrl: QUEUE_URL, attributeNames: ["All"] }, each("sqs:GetQueueAttributes", QUEUE), `${SQS}: GetQueueAttributes`),
  call("sqs", "GetQueueUrl", { queueName: "jobs" }, each("sqs:GetQueueUrl", QUEUE), `${SQS}: GetQueueUrl`),
  call("sqs", "CreateQueue", { queueName: "jobs", tags: { team: "payments" } }, [...each("sqs:CreateQueue", QUEUE), ...each("sqs:TagQueue", QUEUE)], "SQS API Reference, CreateQueue: tags on creation need sqs:TagQueue too"),
  call("sns", "Publish", { topicArn: TOPIC }, each("sns:Publish", TOPIC), SAR("Amazon SNS", "Publish (topic)")),
  call("sns", "Publish", { phoneNumber: "+15555550100" }, each("sns:Publish", "*"), "SNS Developer Guide, 'Publishing SMS messages': direct SMS is allowed only on Resource \"*\""),
  call("sns", "PublishBatch", { topicArn: TOPIC }, each("sns:Publish", TOPIC), "SNS API Reference, PublishBatch: authorized as sns:Publish"),
  call("sns", "Subscribe", { topicArn: TOPIC, protocol: "sqs", endpoint: QUEUE }, each("sns:Subscribe", TOPIC), SAR("Amazon SNS", "Subscribe (topic)")),
  call("sns", "CreateTopic", { name: "alerts" }, each("sns:CreateTopic", TOPIC), SAR("Amazon SNS", "CreateTopic (topic)")),
  call("sns", "GetTopicAttributes", { topicArn: TOPIC }, each("sns:GetTopicAttributes", TOPIC), SAR("Amazon SNS", "GetTopicAttributes (topic)")),
  call("kms", "Decrypt", { encryptionAlgorithm: "SYMMETRIC_DEFAULT" }, each("kms:Decrypt", KEY), SAR("AWS KMS", "Decrypt (key); CloudTrail names the key in resources[]"), {
    resources: [{ ARN: KEY, type: "AWS::KMS::Key" }],
  }),
  call("kms", "Encrypt", { keyId: KEY }, each("kms:Encrypt", KEY), SAR("AWS KMS", "Encrypt (key)"), { resources: [{ ARN: KEY, type: "AWS::KMS::Key" }] }),
  call("kms", "GenerateDataKey", { keyId: KEY, keySpec: "AES_256" }, each("kms:GenerateDataKey", KEY), SAR("AWS KMS", "GenerateDataKey (key)"), { resources: [{ ARN: KEY, type: "AWS::KMS::Key" }] }),
  call("kms", "DescribeKey", { keyId: KEY }, each("kms:DescribeKey", KEY), SAR("AWS KMS", "DescribeKey (key)"), { resources: [{ ARN: KEY, type: "AWS::KMS::Key" }] }),
  call("kms", "ListKeys", {}, each("kms:ListKeys", "*"), SAR("AWS KMS", "ListKeys has no resource type")),
  call("secretsmanager", "GetSecretValue", { secretId: "prod/db" }, each("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`), "Secrets Manager User Guide, 'Secret ARN': a name matches the ARN with its six-character suffix"),
  call("secretsmanager", "DescribeSecret", { secretId: "prod/db" }, each("secretsmanager:DescribeSecret", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`), SAR("AWS Secrets Manager", "DescribeSecret (Secret)")),
  call("secretsmanager", "BatchGetSecretValue", { secretIdList: ["prod/db", "prod/api"] }, [
    ...each("secretsmanager:BatchGetSecretValue", "*"),
    ...each("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`, `arn:aws:secretsmanager:${R}:${A}:secret:prod/api-??????`),
  ], "Secrets Manager API Reference, BatchGetSecretValue: BatchGetSecretValue (no resource type: *) and secretsmanager:GetSecretValue on each secret"),
  call("ssm", "GetParameter", { name: "/app/db-url", withDecryption: true }, each("ssm:GetParameter", `arn:aws:ssm:${R}:${A}:parameter/app/db-url`), "Systems Manager User Guide, 'Restricting access to Parameter Store parameters'"),
  call("ssm", "GetParameters", { names: ["/app/a", "/app/b"] }, each("ssm:GetParameters", `arn:aws:ssm:${R}:${A}:parameter/app/a`, `arn:aws:ssm:${R}:${A}:parameter/app/b`), SAR("AWS Systems Manager", "GetParameters (parameter)")),
  call("ssm", "SendCommand", { documentName: "AWS-RunShellScript", instanceIds: ["i-0abc"] }, [
    ["ssm:SendCommand", `arn:aws:ssm:${R}::document/AWS-RunShellScript`],
    ["ssm:SendCommand", `arn:aws:ec2:${R}:${A}:instance/i-0abc`],
  ], "Systems Manager API Reference, SendCommand; AWS-owned documents have no account in their ARN"),
  call("ssm", "TerminateSession", { sessionId: "deploy-0a1b2c3d4e5f67890" }, each("ssm:TerminateSession", `arn:aws:ssm:${R}:${A}:session/*`), "Systems Manager User Guide, 'Sample IAM policies for Session Manager': sessions are named per session; the id is not kept, so any session of the account and Region (scoped pattern)"),
];

// --- compute, containers, functions, logs, events ---------------------------------------------
const LAMBDA = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const LOG_GROUP = (name: string, account = A) => `arn:aws:logs:${R}:${account}:log-group:${name}`;
const BUS = (name: string, account = A) => `arn:aws:events:${R}:${account}:event-bus/${name}`;
const MACHINE = `arn:aws:states:${R}:${A}:stateMachine:checkout`;
const REPO = `arn:aws:ecr:${R}:${A}:repository/payments`;
const CLUSTER = `arn:aws:ecs:${R}:${A}:cluster/prod`;

const COMPUTE_CALLS: readonly ReferenceCall[] = [
  call("lambda", "Invoke", { functionName: "resize" }, each("lambda:InvokeFunction", LAMBDA("resize")), "Lambda API Reference, Invoke: lambda:InvokeFunction", {
    peers: "trailscraper names lambda:Invoke, which IAM does not have. Ours is right.",
  }),
  call("lambda", "GetFunction20150331v2", { functionName: "resize" }, each("lambda:GetFunction", LAMBDA("resize")), "Lambda API Reference, GetFunction; CloudTrail logs versioned operation names"),
  call("lambda", "ListFunctions20150331", {}, each("lambda:ListFunctions", "*"), SAR("AWS Lambda", "ListFunctions has no resource type")),
  call("lambda", "UpdateFunctionCode20150331v2", { functionName: "resize" }, each("lambda:UpdateFunctionCode", LAMBDA("resize")), SAR("AWS Lambda", "UpdateFunctionCode (function)")),
  call("logs", "CreateLogStream", { logGroupName: "/ecs/payments", logStreamName: "ecs/app/0a1b2c3d" }, [
    ["logs:CreateLogStream", `${LOG_GROUP("/ecs/payments")}:*`],
    ["logs:PutLogEvents", `${LOG_GROUP("/ecs/payments")}:*`],
  ], "CloudWatch Logs permissions reference: CreateLogStream and PutLogEvents on the log stream; PutLogEvents is not logged (implied)"),
  call("logs", "CreateLogStream", { logGroupName: "/ecs/orders" }, [
    ["logs:CreateLogStream", `${LOG_GROUP("/ecs/orders")}:*`],
    ["logs:PutLogEvents", `${LOG_GROUP("/ecs/orders")}:*`],
  ], "CloudWatch Logs permissions reference: a call that names only its group is granted on the group's streams"),
  call("logs", "StartQuery", { logGroupNames: ["/ecs/payments", "/ecs/orders"], queryString: "fields @message" }, each("logs:StartQuery", LOG_GROUP("/ecs/payments"), LOG_GROUP("/ecs/orders")), "CloudWatch Logs API Reference, StartQuery logGroupNames"),
  call("logs", "StartQuery", { logGroupIdentifiers: [`${LOG_GROUP("/shared", B)}:*`], queryString: "fields @message" }, each("logs:StartQuery", LOG_GROUP("/shared", B)), "CloudWatch Logs API Reference, StartQuery logGroupIdentifiers: a name or an ARN"),
  call("logs", "DescribeLogStreams", { logGroupName: "/ecs/payments" }, each("logs:DescribeLogStreams", LOG_GROUP("/ecs/payments")), SAR("Amazon CloudWatch Logs", "DescribeLogStreams (log-group)")),
  call("events", "PutEvents", { entries: [{ source: "app", detailType: "x" }, { source: "app", detailType: "y", eventBusName: "orders" }] }, each("events:PutEvents", BUS("default"), BUS("orders")), "EventBridge API Reference, PutEventsRequestEntry.EventBusName: 'If you omit this, the default event bus is used'", {
    peers: "trailscraper grants events:PutEvents on *: IAM scopes it to the event bus. Ours is right.",
  }),
  call("events", "PutEvents", { entries: [{ source: "app", eventBusName: BUS("shared", B) }] }, each("events:PutEvents", BUS("shared", B)), "EventBridge API Reference, EventBusName: a name or an ARN (another account's bus)"),
  call("events", "PutRule", { name: "nightly", eventBusName: "orders" }, each("events:PutRule", `arn:aws:events:${R}:${A}:rule/orders/nightly`), SAR("Amazon EventBridge", "PutRule (rule on a custom bus: rule/BUS/NAME)")),
  call("events", "DescribeEventBus", {}, each("events:DescribeEventBus", BUS("default")), "EventBridge API Reference, DescribeEventBus Name: the default bus when omitted"),
  call("states", "StartExecution", { stateMachineArn: MACHINE, name: "run-42" }, each("states:StartExecution", MACHINE), SAR("AWS Step Functions", "StartExecution (statemachine)")),
  call("states", "DescribeExecution", { executionArn: `arn:aws:states:${R}:${A}:execution:checkout:run-42` }, each("states:DescribeExecution", `arn:aws:states:${R}:${A}:execution:checkout:*`), "Step Functions Developer Guide, IAM policy examples: executions as execution:MACHINE:*"),
  call("ecr", "GetAuthorizationToken", {}, each("ecr:GetAuthorizationToken", "*"), SAR("Amazon ECR", "GetAuthorizationToken has no resource type")),
  call("ecr", "BatchGetImage", { repositoryName: "payments", imageIds: [{ imageTag: "latest" }] }, each("ecr:BatchGetImage", REPO), SAR("Amazon ECR", "BatchGetImage (repository)")),
  call("ecr", "GetDownloadUrlForLayer", { repositoryName: "payments", layerDigest: "sha256:1" }, each("ecr:GetDownloadUrlForLayer", REPO), SAR("Amazon ECR", "GetDownloadUrlForLayer (repository)")),
  call("ecs", "DescribeServices", { cluster: "prod", services: ["payments"] }, [
    ["ecs:DescribeServices", `arn:aws:ecs:${R}:${A}:service/prod/payments`],
  ], "ECS Developer Guide, 'Amazon ECS identity-based policy examples': services as service/CLUSTER/NAME"),
  call("ecs", "UpdateService", { cluster: "prod", service: "payments" }, [
    ["ecs:UpdateService", `arn:aws:ecs:${R}:${A}:service/prod/payments`],
  ], SAR("Amazon ECS", "UpdateService (service)")),
  call("ecs", "DescribeClusters", { clusters: ["prod"] }, each("ecs:DescribeClusters", CLUSTER), SAR("Amazon ECS", "DescribeClusters (cluster)")),
];

// --- the rest: data catalog, analytics, ML, networking, identity ------------------------------
const GLUE = (resource: string, account = A) => `arn:aws:glue:${R}:${account}:${resource}`;
const EC2 = (resource: string) => `arn:aws:ec2:${R}:${A}:${resource}`;
const RDS = (resource: string) => `arn:aws:rds:${R}:${A}:${resource}`;
const GLUE_ARNS = "Glue Developer Guide, 'Specifying AWS Glue resource ARNs': catalog, database and table together";
const EC2_CREATE = "EC2 User Guide, 'Example policies for working with the AWS CLI or an AWS SDK': a new resource as TYPE/*";
const SCOPED = "a Describe that names none describes every one in the account and Region: scoped pattern";

const OTHER_CALLS: readonly ReferenceCall[] = [
  call("glue", "GetTable", { databaseName: "sales", name: "orders" }, each("glue:GetTable", GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/orders")), GLUE_ARNS),
  call("glue", "GetTables", { databaseName: "sales" }, each("glue:GetTables", GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/*")), `${GLUE_ARNS}; GetTables lists every table of the database`),
  call("glue", "GetDatabase", { name: "sales" }, each("glue:GetDatabase", GLUE("catalog"), GLUE("database/sales")), GLUE_ARNS),
  call("glue", "GetPartitions", { catalogId: B, databaseName: "sales", tableName: "orders" }, each("glue:GetPartitions", GLUE("catalog", B), GLUE("database/sales", B), GLUE("table/sales/orders", B)), `${GLUE_ARNS}; CatalogId is the owning account`),
  call("glue", "CreateTable", { databaseName: "sales", tableInput: { name: "returns", storageDescriptor: {} } }, each("glue:CreateTable", GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/returns")), GLUE_ARNS),
  call("glue", "BatchCreatePartition", { databaseName: "sales", tableName: "orders", partitionInputList: [] }, each("glue:BatchCreatePartition", GLUE("catalog"), GLUE("database/sales"), GLUE("table/sales/orders")), GLUE_ARNS),
  call("athena", "StartQueryExecution", { queryString: "SELECT 1", workGroup: "analytics" }, each("athena:StartQueryExecution", `arn:aws:athena:${R}:${A}:workgroup/analytics`), SAR("Amazon Athena", "StartQueryExecution (workgroup)")),
  call("athena", "StartQueryExecution", { queryString: "SELECT 1" }, each("athena:StartQueryExecution", `arn:aws:athena:${R}:${A}:workgroup/primary`), "Athena User Guide, 'Working with workgroups': queries that name none run in primary"),
  call("athena", "GetQueryResults", { queryExecutionId: "q-1" }, each("athena:GetQueryResults", `arn:aws:athena:${R}:${A}:workgroup/*`), "Athena API Reference, GetQueryResults: authorized on the query's workgroup, which the event does not name (scoped pattern)"),
  call("bedrock", "InvokeModel", { modelId: "amazon.titan-embed-text-v2:0" }, each("bedrock:InvokeModel", `arn:aws:bedrock:${R}::foundation-model/amazon.titan-embed-text-v2:0`), SAR("Amazon Bedrock", "InvokeModel (foundation-model: no account)")),
  call("bedrock", "InvokeModel", { modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0" }, each("bedrock:InvokeModel", `arn:aws:bedrock:${R}:${A}:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0`, "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"), "Bedrock User Guide, 'Prerequisites for inference profiles': the profile and the model in each Region it routes to"),
  call("bedrock", "InvokeModelWithResponseStream", { modelId: "amazon.nova-lite-v1:0" }, each("bedrock:InvokeModelWithResponseStream", `arn:aws:bedrock:${R}::foundation-model/amazon.nova-lite-v1:0`), SAR("Amazon Bedrock", "InvokeModelWithResponseStream (foundation-model)")),
  call("ses", "SendEmail", { source: "billing@example.com" }, each("ses:SendEmail", `arn:aws:ses:${R}:${A}:identity/billing@example.com`, `arn:aws:ses:${R}:${A}:identity/example.com`), "SES Developer Guide, 'Controlling access to Amazon SES': the sending identity, address or its domain (SES v1, logged under ses.amazonaws.com)"),
  call("email", "SendRawEmail", { source: "Billing <billing@example.com>" }, each("ses:SendRawEmail", `arn:aws:ses:${R}:${A}:identity/billing@example.com`, `arn:aws:ses:${R}:${A}:identity/example.com`), "SES Developer Guide, 'Controlling access to Amazon SES'"),
  call("ses", "SendEmail", { fromEmailAddress: "billing@example.com", configurationSetName: "tracked" }, each("ses:SendEmail", `arn:aws:ses:${R}:${A}:identity/billing@example.com`, `arn:aws:ses:${R}:${A}:identity/example.com`, `arn:aws:ses:${R}:${A}:configuration-set/tracked`), "SES API v2 Reference, SendEmail: the identity and the configuration set"),
  call("ec2", "RunInstances", { instancesSet: { items: [{ imageId: "ami-0123", minCount: 1, maxCount: 1, keyName: "deploy" }] }, subnetId: "subnet-0aa", groupSet: { items: [{ groupId: "sg-0bb" }] }, instanceType: "t3.micro" },
    each("ec2:RunInstances", `arn:aws:ec2:${R}::image/ami-0123`, EC2("key-pair/deploy"), EC2("instance/*"), EC2("network-interface/*"), EC2("security-group/sg-0bb"), EC2("subnet/subnet-0aa"), EC2("volume/*")),
    `${SAR("Amazon EC2", "RunInstances (image, instance, network-interface, security-group, subnet, volume, key-pair)")}; ${EC2_CREATE}`),
  call("ec2", "RunInstances", { instancesSet: { items: [{ imageId: "ami-0123", minCount: 1, maxCount: 1 }] }, instanceType: "t3.micro" },
    each("ec2:RunInstances", `arn:aws:ec2:${R}::image/ami-0123`, EC2("instance/*"), EC2("network-interface/*"), EC2("security-group/*"), EC2("subnet/*"), EC2("volume/*")),
    "EC2 User Guide, 'Launch an instance': without a subnet or security group EC2 picks the default VPC's, named only in the response (scoped pattern)"),
  call("ec2", "CreateNatGateway", { CreateNatGatewayRequest: { SubnetId: "subnet-0aa", AllocationId: "eipalloc-0cc", ClientToken: "t-1" } }, each("ec2:CreateNatGateway", EC2("elastic-ip/eipalloc-0cc"), EC2("natgateway/*"), EC2("subnet/subnet-0aa")), `${SAR("Amazon EC2", "CreateNatGateway (natgateway, subnet, elastic-ip)")}; CloudTrail logs the request in CreateNatGatewayRequest`),
  call("ec2", "CreateFlowLogs", { CreateFlowLogsRequest: { ResourceId: { tag: 1, content: "vpc-0abc" }, ResourceType: "VPC", TrafficType: "ALL", ClientToken: "t-2" } }, each("ec2:CreateFlowLogs", EC2("vpc-flow-log/*"), EC2("vpc/vpc-0abc")), `${SAR("Amazon EC2", "CreateFlowLogs (vpc-flow-log, vpc)")}; CloudTrail logs the request in CreateFlowLogsRequest`),
  call("ec2", "CreateTags", { resourcesSet: { items: [{ resourceId: "i-0abc" }, { resourceId: "vol-0def" }] }, tagSet: { items: [{ key: "team", value: "payments" }] } }, each("ec2:CreateTags", EC2("instance/i-0abc"), EC2("volume/vol-0def")), "EC2 API Reference, CreateTags ResourceId.N; the id prefix names the resource type (EC2 User Guide, 'Resource IDs')"),
  call("ec2", "StopInstances", { instancesSet: { items: [{ instanceId: "i-0abc" }] } }, each("ec2:StopInstances", EC2("instance/i-0abc")), SAR("Amazon EC2", "StopInstances (instance)")),
  call("ec2", "DescribeInstances", { instancesSet: {}, filterSet: {} }, each("ec2:DescribeInstances", "*"), SAR("Amazon EC2", "DescribeInstances has no resource type")),
  call("ec2", "CreateSecurityGroup", { groupName: "web", groupDescription: "web", vpcId: "vpc-0abc" }, each("ec2:CreateSecurityGroup", EC2("security-group/*"), EC2("vpc/vpc-0abc")), `${SAR("Amazon EC2", "CreateSecurityGroup (security-group, vpc)")}; ${EC2_CREATE}`),
  call("rds", "DescribeDBInstances", {}, each("rds:DescribeDBInstances", RDS("db:*")), `${SAR("Amazon RDS", "DescribeDBInstances (db)")}; ${SCOPED}`),
  call("rds", "DescribeDBInstances", { dBInstanceIdentifier: "ledger" }, each("rds:DescribeDBInstances", RDS("db:ledger")), SAR("Amazon RDS", "DescribeDBInstances (db)")),
  call("rds", "DescribeDBClusters", {}, each("rds:DescribeDBClusters", RDS("cluster:*")), `${SAR("Amazon RDS", "DescribeDBClusters (cluster)")}; ${SCOPED}`),
  call("rds", "CreateDBSnapshot", { dBInstanceIdentifier: "ledger", dBSnapshotIdentifier: "ledger-2026" }, each("rds:CreateDBSnapshot", RDS("db:ledger"), RDS("snapshot:ledger-2026")), SAR("Amazon RDS", "CreateDBSnapshot (db, snapshot)")),
  call("monitoring", "DescribeAlarms", {}, each("cloudwatch:DescribeAlarms", `arn:aws:cloudwatch:${R}:${A}:alarm:*`), `${SAR("Amazon CloudWatch", "DescribeAlarms (alarm)")}; ${SCOPED}`),
  call("monitoring", "DescribeAlarms", { alarmNames: ["cpu-high"] }, each("cloudwatch:DescribeAlarms", `arn:aws:cloudwatch:${R}:${A}:alarm:cpu-high`), SAR("Amazon CloudWatch", "DescribeAlarms (alarm)")),
  call("monitoring", "PutMetricData", { namespace: "App" }, each("cloudwatch:PutMetricData", "*"), "CloudWatch User Guide, 'CloudWatch permissions reference': the metric APIs take no resource"),
  call("monitoring", "PutMetricAlarm", { alarmName: "cpu-high" }, each("cloudwatch:PutMetricAlarm", `arn:aws:cloudwatch:${R}:${A}:alarm:cpu-high`), SAR("Amazon CloudWatch", "PutMetricAlarm (alarm)")),
  call("kinesis", "PutRecord", { streamName: "clicks", partitionKey: "p" }, each("kinesis:PutRecord", `arn:aws:kinesis:${R}:${A}:stream/clicks`), SAR("Amazon Kinesis Data Streams", "PutRecord (stream)")),
  call("kinesis", "PutRecords", { streamName: "clicks" }, each("kinesis:PutRecords", `arn:aws:kinesis:${R}:${A}:stream/clicks`), SAR("Amazon Kinesis Data Streams", "PutRecords (stream)")),
  call("firehose", "PutRecordBatch", { deliveryStreamName: "events" }, each("firehose:PutRecordBatch", `arn:aws:firehose:${R}:${A}:deliverystream/events`), SAR("Amazon Data Firehose", "PutRecordBatch (deliverystream)")),
  call("sts", "AssumeRole", { roleArn: `arn:aws:iam::${B}:role/deployer`, roleSessionName: "s-1" }, each("sts:AssumeRole", `arn:aws:iam::${B}:role/deployer`), SAR("AWS STS", "AssumeRole (role)")),
  call("sts", "GetCallerIdentity", {}, [], "STS API Reference, GetCallerIdentity: no permission is required"),
  call("iam", "GetRole", { roleName: "deployer" }, each("iam:GetRole", "arn:aws:iam::111122223333:role/deployer", "arn:aws:iam::111122223333:role/*/deployer"), "IAM User Guide, 'IAM identifiers': a name without its path fits the role at any path"),
  call("iam", "CreateRole", { roleName: "worker", path: "/ecs/" }, each("iam:CreateRole", "arn:aws:iam::111122223333:role/ecs/worker"), SAR("AWS IAM", "CreateRole (role, with its path)")),
  call("cloudtrail", "LookupEvents", {}, each("cloudtrail:LookupEvents", "*"), SAR("AWS CloudTrail", "LookupEvents has no resource type")),
  call("cloudtrail", "StopLogging", { name: "main" }, each("cloudtrail:StopLogging", `arn:aws:cloudtrail:${R}:${A}:trail/main`), SAR("AWS CloudTrail", "StopLogging (trail)")),
  call("elasticloadbalancing", "RegisterTargets", { targetGroupArn: `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/web/0123456789abcdef` }, each("elasticloadbalancing:RegisterTargets", `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/web/0123456789abcdef`), SAR("Elastic Load Balancing V2", "RegisterTargets (targetgroup)")),
  call("guardduty", "GetDetector", { detectorId: "12abc34d567e8fa901bc2d34e56789f0" }, each("guardduty:GetDetector", `arn:aws:guardduty:${R}:${A}:detector/12abc34d567e8fa901bc2d34e56789f0`), SAR("Amazon GuardDuty", "GetDetector (detector)")),
  call("securityhub", "DescribeHub", {}, each("securityhub:DescribeHub", `arn:aws:securityhub:${R}:${A}:hub/default`), "Security Hub API Reference, DescribeHub: without HubArn, the account's hub in the Region"),
  call("xray", "PutTraceSegments", {}, each("xray:PutTraceSegments", "*"), SAR("AWS X-Ray", "PutTraceSegments has no resource type")),
  call("route53resolver", "GetResolverRule", { resolverRuleId: "rslvr-rr-0a1b" }, each("route53resolver:GetResolverRule", `arn:aws:route53resolver:${R}:${A}:resolver-rule/rslvr-rr-0a1b`), SAR("Amazon Route 53 Resolver", "GetResolverRule (resolver-rule)")),
];

const MORE_CALLS: readonly ReferenceCall[] = [
  s3("ListObjects", null, { prefix: "reports/" }, each("s3:ListBucket", `arn:aws:s3:::${BUCKET}`), `${S3_PERMS}: ListObjects needs s3:ListBucket`),
  s3("GetBucketPolicy", null, { policy: "" }, each("s3:GetBucketPolicy", `arn:aws:s3:::${BUCKET}`), SAR("Amazon S3", "GetBucketPolicy (bucket)")),
  s3("PutObjectTagging", "reports/q3.pdf", { tagging: "" }, each("s3:PutObjectTagging", OBJ("reports/q3.pdf")), SAR("Amazon S3", "PutObjectTagging (object)")),
  s3("RestoreObject", "archive/old.tar", { restore: "" }, each("s3:RestoreObject", OBJ("archive/old.tar")), SAR("Amazon S3", "RestoreObject (object)")),
  ddb("BatchGetItem", { requestItems: { orders: {}, ledger: {} } }, each("dynamodb:BatchGetItem", TABLE("orders"), TABLE("ledger")), `${DDB_API}: BatchGetItem on each table`, {
    resources: [{ ARN: TABLE("orders"), type: "AWS::DynamoDB::Table" }, { ARN: TABLE("ledger"), type: "AWS::DynamoDB::Table" }],
  }),
  ddb("UpdateTable", { tableName: "orders", billingMode: "PAY_PER_REQUEST" }, each("dynamodb:UpdateTable", TABLE("orders")), `${DDB_API}: UpdateTable`),
  call("sqs", "PurgeQueue", { queueUrl: QUEUE_URL }, each("sqs:PurgeQueue", QUEUE), `${SQS}: PurgeQueue`),
  call("sns", "ListTopics", {}, each("sns:ListTopics", "*"), SAR("Amazon SNS", "ListTopics has no resource type")),
  call("kms", "CreateGrant", { keyId: KEY, granteePrincipal: `arn:aws:iam::${A}:role/worker` }, each("kms:CreateGrant", KEY), SAR("AWS KMS", "CreateGrant (key)"), { resources: [{ ARN: KEY, type: "AWS::KMS::Key" }] }),
  call("secretsmanager", "PutSecretValue", { secretId: "prod/db" }, each("secretsmanager:PutSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-??????`), SAR("AWS Secrets Manager", "PutSecretValue (Secret)")),
  call("lambda", "GetFunctionConfiguration20150331v2", { functionName: "resize" }, each("lambda:GetFunctionConfiguration", LAMBDA("resize")), SAR("AWS Lambda", "GetFunctionConfiguration (function)")),
  call("logs", "PutRetentionPolicy", { logGroupName: "/ecs/payments", retentionInDays: 30 }, each("logs:PutRetentionPolicy", LOG_GROUP("/ecs/payments")), SAR("Amazon CloudWatch Logs", "PutRetentionPolicy (log-group)")),
  call("events", "PutTargets", { rule: "nightly", targets: [] }, each("events:PutTargets", `arn:aws:events:${R}:${A}:rule/nightly`), SAR("Amazon EventBridge", "PutTargets (rule on the default bus: rule/NAME)")),
  call("states", "ListExecutions", { stateMachineArn: MACHINE }, each("states:ListExecutions", MACHINE), SAR("AWS Step Functions", "ListExecutions (statemachine)")),
  call("ecr", "BatchCheckLayerAvailability", { repositoryName: "payments", layerDigests: ["sha256:1"] }, each("ecr:BatchCheckLayerAvailability", REPO), SAR("Amazon ECR", "BatchCheckLayerAvailability (repository)")),
  call("ecr", "PutImage", { repositoryName: "payments", imageTag: "v2" }, each("ecr:PutImage", REPO), SAR("Amazon ECR", "PutImage (repository)")),
  call("kinesis", "DescribeStream", { streamName: "clicks" }, each("kinesis:DescribeStream", `arn:aws:kinesis:${R}:${A}:stream/clicks`), SAR("Amazon Kinesis Data Streams", "DescribeStream (stream)")),
  call("iam", "ListRoles", {}, each("iam:ListRoles", "*"), SAR("AWS IAM", "ListRoles has no resource type")),
  call("sts", "GetSessionToken", {}, [], "IAM User Guide, 'Permissions for GetSessionToken': no permission is required"),
  call("ec2", "DescribeSubnets", { subnetSet: {}, filterSet: {} }, each("ec2:DescribeSubnets", "*"), SAR("Amazon EC2", "DescribeSubnets has no resource type")),
  call("glue", "GetDatabases", {}, each("glue:GetDatabases", GLUE("catalog"), GLUE("database/*")), `${GLUE_ARNS}; GetDatabases lists every database of the catalog`),
  call("athena", "GetWorkGroup", { workGroup: "analytics" }, each("athena:GetWorkGroup", `arn:aws:athena:${R}:${A}:workgroup/analytics`), SAR("Amazon Athena", "GetWorkGroup (workgroup)")),
  call("rds", "DescribeDBSnapshots", {}, each("rds:DescribeDBSnapshots", RDS("snapshot:*")), `${SAR("Amazon RDS", "DescribeDBSnapshots (db, snapshot)")}; ${SCOPED}`),
  call("ecs", "ListTasks", { cluster: "prod" }, each("ecs:ListTasks", `arn:aws:ecs:${R}:${A}:container-instance/prod/*`), SAR("Amazon ECS", "ListTasks (container-instance): the cluster's instances, a scoped pattern")),
];

// --- issue 14's remaining "Found" cases and the shared datasets' unnamed calls ----------------
const DISTRIBUTION = (id: string) => `arn:aws:cloudfront::${A}:distribution/${id}`;
const CLOUDFRONT_API = "CloudFront API Reference; CloudTrail logs CloudFront calls with their API version (GetDistribution2020_05_31)";
const COPY_VERSION = `${S3_API}, CopyObject x-amz-copy-source '?versionId=': copying a specific version needs s3:GetObjectVersion on the source, instead of s3:GetObject`;

const FOUND_CALLS: readonly ReferenceCall[] = [
  s3("CopyObject", "copies/h.csv", { "x-amz-copy-source": "acme-inbox/incoming/h.csv?versionId=3HL4kqtJlcpXroDTDmJ" }, [...each("s3:GetObjectVersion", "arn:aws:s3:::acme-inbox/incoming/*"), ...each("s3:PutObject", OBJ("copies/h.csv"))], COPY_VERSION, {
    peers: "iam-dataset and trailscraper grant s3:GetObject on the source whatever the copy source says: reading a named version is s3:GetObjectVersion. Ours is right.",
  }),
  s3("UploadPartCopy", "copies/big.bin", { "x-amz-copy-source": "/acme-inbox/incoming/big.bin?versionId=v7", partNumber: "2", uploadId: "u-3" }, [...each("s3:GetObjectVersion", "arn:aws:s3:::acme-inbox/incoming/*"), ...each("s3:PutObject", OBJ("copies/big.bin"))], `${COPY_VERSION}; UploadPartCopy: as CopyObject`),
  s3("PutObject", null, { "x-amz-storage-class": "STANDARD" }, each("s3:PutObject", OBJ("uploads/l.bin")), `${S3_API}, PutObject: s3:PutObject; the object is named only by resources[]`, {
    resources: [{ ARN: OBJ("uploads/l.bin"), type: "AWS::S3::Object" }, { ARN: `arn:aws:s3:::${BUCKET}`, type: "AWS::S3::Bucket" }],
  }),
  s3("CompleteMultipartUpload", null, { uploadId: "u-4" }, each("s3:PutObject", OBJ("big/m.bin")), `${S3_PERMS}: CompleteMultipartUpload needs s3:PutObject; the object is named only by resources[]`, {
    resources: [{ ARN: OBJ("big/m.bin"), type: "AWS::S3::Object" }, { ARN: `arn:aws:s3:::${BUCKET}`, type: "AWS::S3::Bucket" }],
  }),
  call("cloudfront", "GetDistribution2020_05_31", { id: "EDFDVBD6EXAMPLE" }, each("cloudfront:GetDistribution", DISTRIBUTION("EDFDVBD6EXAMPLE")), `${CLOUDFRONT_API}; ${SAR("Amazon CloudFront", "GetDistribution (distribution: no Region in the ARN)")}`),
  call("cloudfront", "GetDistributionConfig2020_05_31", { id: "EDFDVBD6EXAMPLE" }, each("cloudfront:GetDistributionConfig", DISTRIBUTION("EDFDVBD6EXAMPLE")), SAR("Amazon CloudFront", "GetDistributionConfig (distribution)")),
  call("cloudfront", "UpdateDistribution2020_05_31", { id: "EDFDVBD6EXAMPLE", ifMatch: "E2QWRUHEXAMPLE", distributionConfig: { callerReference: "c-1", enabled: true } }, each("cloudfront:UpdateDistribution", DISTRIBUTION("EDFDVBD6EXAMPLE")), SAR("Amazon CloudFront", "UpdateDistribution (distribution)")),
  call("cloudfront", "CreateInvalidation2020_05_31", { distributionId: "EDFDVBD6EXAMPLE", invalidationBatch: { paths: { quantity: 1, items: ["/index.html"] }, callerReference: "deploy-42" } }, each("cloudfront:CreateInvalidation", DISTRIBUTION("EDFDVBD6EXAMPLE")), SAR("Amazon CloudFront", "CreateInvalidation (distribution)")),
  call("cloudfront", "GetInvalidation2020_05_31", { distributionId: "EDFDVBD6EXAMPLE", id: "I2J0I21PCUYOIK" }, each("cloudfront:GetInvalidation", DISTRIBUTION("EDFDVBD6EXAMPLE")), `${SAR("Amazon CloudFront", "GetInvalidation (distribution)")}; Id names the invalidation, DistributionId the distribution`),
  call("cloudfront", "ListDistributions2020_05_31", {}, each("cloudfront:ListDistributions", "*"), SAR("Amazon CloudFront", "ListDistributions has no resource type")),
  call("cloudfront", "TagResource2020_05_31", { resource: DISTRIBUTION("EDFDVBD6EXAMPLE"), tags: { items: [{ key: "team", value: "web" }] } }, each("cloudfront:TagResource", DISTRIBUTION("EDFDVBD6EXAMPLE")), SAR("Amazon CloudFront", "TagResource (distribution, by its ARN)")),
  call("cloudfront", "GetCachePolicy2020_05_31", { id: "658327ea-f89d-4fab-a63d-7e88639e58f6" }, each("cloudfront:GetCachePolicy", `arn:aws:cloudfront::${A}:cache-policy/658327ea-f89d-4fab-a63d-7e88639e58f6`), SAR("Amazon CloudFront", "GetCachePolicy (cache-policy)")),
  call("cloudfront", "DescribeFunction2020_05_31", { name: "rewrite-index" }, each("cloudfront:DescribeFunction", `arn:aws:cloudfront::${A}:function/rewrite-index`), SAR("Amazon CloudFront", "DescribeFunction (function)")),
  call("secretsmanager", "BatchGetSecretValue", { filters: [{ key: "tag-key", values: ["team"] }] }, [
    ...each("secretsmanager:BatchGetSecretValue", "*"),
    ...each("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${R}:${A}:secret:*`),
  ], "Secrets Manager API Reference, BatchGetSecretValue: with Filters it reads the matching secrets of the account and Region, named only in the response; secretsmanager:GetSecretValue on each (scoped pattern)"),
  call("rds", "DescribeGlobalClusters", {}, each("rds:DescribeGlobalClusters", `arn:aws:rds::${A}:global-cluster:*`), `${SAR("Amazon RDS", "DescribeGlobalClusters (global-cluster: no Region in the ARN)")}; ${SCOPED}`),
  call("rds", "DescribeGlobalClusters", { globalClusterIdentifier: "ledger-global" }, each("rds:DescribeGlobalClusters", `arn:aws:rds::${A}:global-cluster:ledger-global`), SAR("Amazon RDS", "DescribeGlobalClusters (global-cluster)")),
  call("rds", "DescribeEventSubscriptions", {}, each("rds:DescribeEventSubscriptions", RDS("es:*")), `${SAR("Amazon RDS", "DescribeEventSubscriptions (es)")}; ${SCOPED}`),
  call("rds", "DescribeBlueGreenDeployments", {}, each("rds:DescribeBlueGreenDeployments", RDS("deployment:*")), `${SAR("Amazon RDS", "DescribeBlueGreenDeployments (deployment)")}; ${SCOPED}`),
  call("ec2", "RunInstances", {
    instancesSet: { items: [{ imageId: "ami-0123", minCount: 1, maxCount: 1 }] },
    networkInterfaceSet: { items: [{ deviceIndex: 0, subnetId: "subnet-0aa", groupSet: { items: [{ groupId: "sg-0bb" }] }, associatePublicIpAddress: true }] },
    instanceType: "t3.micro",
  }, each("ec2:RunInstances", `arn:aws:ec2:${R}::image/ami-0123`, EC2("instance/*"), EC2("network-interface/*"), EC2("security-group/sg-0bb"), EC2("subnet/subnet-0aa"), EC2("volume/*")),
  `${SAR("Amazon EC2", "RunInstances")}; EC2 API Reference, RunInstances NetworkInterface.N (SubnetId, SecurityGroupId): the interface it creates is named by its subnet and groups`),
];

// --- Dependent and tag-on-create actions (tag-on-create.ts) ------------------------------------
const TAGS = [{ key: "team", value: "payments" }];
const TAG_ON_CREATE_CALLS: readonly ReferenceCall[] = [
  call("ec2", "RunInstances", {
    instancesSet: { items: [{ imageId: "ami-0123", minCount: 1, maxCount: 1 }] }, subnetId: "subnet-0aa", groupSet: { items: [{ groupId: "sg-0bb" }] }, instanceType: "t3.micro",
    tagSpecificationSet: { items: [{ resourceType: "instance", tags: TAGS }, { resourceType: "volume", tags: TAGS }] },
  }, [
    ...each("ec2:RunInstances", `arn:aws:ec2:${R}::image/ami-0123`, EC2("instance/*"), EC2("network-interface/*"), EC2("security-group/sg-0bb"), EC2("subnet/subnet-0aa"), EC2("volume/*")),
    ...each("ec2:CreateTags", EC2("instance/*"), EC2("volume/*")),
  ], "EC2 User Guide, 'Grant permission to tag Amazon EC2 resources during creation': ec2:CreateTags on the new instance and volume (granted with ec2:CreateAction RunInstances)", {
    peers: "iam-dataset's map has no ec2:CreateTags for RunInstances; it lists it for creates that may carry no tags (CreateVpc, CreateSubnet): both wrong the other way. The tag action follows the request's TagSpecifications.",
  }),
  call("ec2", "CreateVolume", { availabilityZone: `${R}a`, size: 100, volumeType: "gp3", tagSpecificationSet: { items: [{ resourceType: "volume", tags: TAGS }] } },
    [...each("ec2:CreateVolume", EC2("volume/*")), ...each("ec2:CreateTags", EC2("volume/*"))],
    "EC2 User Guide, 'Grant permission to tag Amazon EC2 resources during creation'; EC2 API Reference, CreateVolume TagSpecification.N"),
  call("rds", "CreateDBInstance", { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t4g.micro", engine: "postgres", tags: TAGS },
    [...each("rds:CreateDBInstance", `arn:aws:rds:${R}:${A}:db:orders-db`), ...each("rds:AddTagsToResource", `arn:aws:rds:${R}:${A}:db:orders-db`)],
    "SAR Amazon RDS, CreateDBInstance: rds:AddTagsToResource is its dependent action for tags given on create", {
      peers: "iam-dataset lists rds:AddTagsToResource for every CreateDBInstance; it is needed only when the request has Tags (next row).",
    }),
  call("rds", "CreateDBInstance", { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t4g.micro", engine: "postgres" },
    each("rds:CreateDBInstance", `arn:aws:rds:${R}:${A}:db:orders-db`), "SAR Amazon RDS, CreateDBInstance: without Tags there is nothing to tag"),
  call("sns", "CreateTopic", { name: "alerts", tags: TAGS }, [...each("sns:CreateTopic", TOPIC), ...each("sns:TagResource", TOPIC)],
    "SNS API Reference, CreateTopic Tags: 'To be able to tag a topic on creation, you must have the sns:CreateTopic and sns:TagResource permissions'"),
  call("secretsmanager", "CreateSecret", { name: "prod/api-key", tags: TAGS },
    [...each("secretsmanager:CreateSecret", `arn:aws:secretsmanager:${R}:${A}:secret:prod/api-key-??????`), ...each("secretsmanager:TagResource", `arn:aws:secretsmanager:${R}:${A}:secret:prod/api-key-??????`)],
    "Secrets Manager API Reference, CreateSecret, Required permissions: 'If you include tags in the secret, you also need secretsmanager:TagResource'"),
  call("logs", "CreateLogGroup", { logGroupName: "/ecs/payments", tags: { team: "payments" } },
    [...each("logs:CreateLogGroup", `arn:aws:logs:${R}:${A}:log-group:/ecs/payments`), ...each("logs:TagResource", `arn:aws:logs:${R}:${A}:log-group:/ecs/payments`)],
    "CloudWatch Logs API Reference, CreateLogGroup: 'To create a log group with tags, you must have both the logs:CreateLogGroup and logs:TagResource permissions'"),
  call("kms", "CreateKey", { keyUsage: "ENCRYPT_DECRYPT", keySpec: "SYMMETRIC_DEFAULT", tags: [{ tagKey: "team", tagValue: "payments" }] },
    [...each("kms:CreateKey", "*"), ...each("kms:TagResource", `arn:aws:kms:${R}:${A}:key/*`)],
    "KMS API Reference, CreateKey Tags: 'you must have kms:TagResource permission'; the new key's id is only in the response (scoped pattern)"),
  call("ecs", "CreateService", { cluster: "prod", serviceName: "payments", taskDefinition: "payments:7", desiredCount: 2, tags: TAGS },
    [...each("ecs:CreateService", `arn:aws:ecs:${R}:${A}:service/prod/payments`), ...each("ecs:TagResource", `arn:aws:ecs:${R}:${A}:service/prod/payments`)],
    "ECS Developer Guide, 'Grant permission to tag resources on creation': ecs:TagResource on the new service (with ecs:CreateAction CreateService); the task definition's roles it passes are not in the event (passed-roles.ts)",
    { unmapped: ["iam:PassRole"] }),
];

// PassRole breadth (issue 14): calls that name a role in their request, from the generated
// role-passing table (role-passing-calls.ts); iam:PassRole on the role the request names.
const PASSED = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const PASS_ROLE_BREADTH_CALLS: readonly ReferenceCall[] = [
  call("rds", "CreateDBInstance", { dBInstanceIdentifier: "orders", engine: "postgres", dBInstanceClass: "db.t4g.micro", monitoringInterval: 60, monitoringRoleArn: PASSED("rds-monitoring-role") },
    [...each("rds:CreateDBInstance", `arn:aws:rds:${R}:${A}:db:orders`), ...each("iam:PassRole", PASSED("rds-monitoring-role"))],
    "RDS User Guide, 'Setting up and enabling Enhanced Monitoring': iam:PassRole on the monitoring role, which trusts monitoring.rds.amazonaws.com",
    { peers: "iam-dataset agrees (RDS.CreateDBInstance: iam:PassRole on MonitoringRoleArn)" }),
  call("rds", "ModifyDBInstance", { dBInstanceIdentifier: "orders", monitoringInterval: 30, monitoringRoleArn: PASSED("rds-monitoring-role") },
    [...each("rds:ModifyDBInstance", `arn:aws:rds:${R}:${A}:db:orders`), ...each("iam:PassRole", PASSED("rds-monitoring-role"))],
    "RDS User Guide, 'Setting up and enabling Enhanced Monitoring' (turning it on for an existing instance): iam:PassRole on the monitoring role"),
  call("rds", "AddRoleToDBCluster", { dBClusterIdentifier: "orders-cluster", roleArn: PASSED("aurora-s3-import"), featureName: "s3Import" },
    [...each("rds:AddRoleToDBCluster", `arn:aws:rds:${R}:${A}:cluster:orders-cluster`), ...each("iam:PassRole", PASSED("aurora-s3-import"))],
    "Aurora User Guide, 'Associating an IAM role with an Amazon Aurora MySQL DB cluster': iam:PassRole on the role, which trusts rds.amazonaws.com"),
  call("cloudtrail", "CreateTrail", { name: "org", s3BucketName: "trail-bucket", cloudWatchLogsLogGroupArn: `arn:aws:logs:${R}:${A}:log-group:trail:*`, cloudWatchLogsRoleArn: PASSED("trail-to-logs") },
    [...each("cloudtrail:CreateTrail", `arn:aws:cloudtrail:${R}:${A}:trail/org`), ...each("iam:PassRole", PASSED("trail-to-logs"))],
    "CloudTrail User Guide, 'Sending events to CloudWatch Logs': the caller needs iam:PassRole on the role CloudTrail assumes to deliver to the log group",
    { peers: "iam-dataset agrees on iam:PassRole; it adds s3:PutObject, which CloudTrail (not the caller) needs on the bucket" }),
  call("iam", "AddRoleToInstanceProfile", { instanceProfileName: "web-profile", roleName: "web-role" },
    [...each("iam:AddRoleToInstanceProfile", `arn:aws:iam::${A}:instance-profile/web-profile`, `arn:aws:iam::${A}:instance-profile/*/web-profile`), ...each("iam:PassRole", PASSED("web-role"))],
    "IAM User Guide, 'Using an IAM role to grant permissions to applications running on Amazon EC2 instances': adding a role to an instance profile needs iam:PassRole on the role"),
];

// --- Dependent actions (dependent-actions.ts): S3 objects read with the caller's credentials, permission-only checks.
const DEPENDENT_CALLS: readonly ReferenceCall[] = [
  call("textract", "AnalyzeDocument", { document: { s3Object: { bucket: "docs-in", name: "invoices/2026/11/inv-0042.pdf" } }, featureTypes: ["TABLES"] },
    [...each("textract:AnalyzeDocument", "*"), ...each("s3:GetObject", "arn:aws:s3:::docs-in/invoices/2026/11/*")],
    `${SAR("Amazon Textract", "AnalyzeDocument, dependent action s3:GetObject")}; the object is read with the caller's permissions`,
    { peers: "iam-dataset lists s3:GetObject without a resource; ours names the folder of the document the request names (the engine keeps object names up to their folder)" }),
  call("transcribe", "StartTranscriptionJob", { transcriptionJobName: "call-7", media: { mediaFileUri: "s3://calls-in/2026/11/call-7.wav" }, languageCode: "en-US" },
    [...each("transcribe:StartTranscriptionJob", "*"), ...each("s3:GetObject", "arn:aws:s3:::calls-in/2026/11/*")],
    `${SAR("Amazon Transcribe", "StartTranscriptionJob, dependent action s3:GetObject")}; Transcribe reads the media file with the caller's permissions`),
  call("grafana", "CreateWorkspace", { accountAccessType: "CURRENT_ACCOUNT", authenticationProviders: ["AWS_SSO"], permissionType: "SERVICE_MANAGED" },
    [...each("grafana:CreateWorkspace", "*"), ...each("sso:CreateManagedApplicationInstance", "*"), ...each("sso:DescribeRegisteredRegions", "*"), ...each("sso:GetSharedSsoConfiguration", "*"), ...each("organizations:DescribeOrganization", "*")],
    "Amazon Managed Grafana User Guide, 'Use IAM Identity Center with your Amazon Managed Grafana workspace': permission-only sso and organizations actions for a workspace signed in through IAM Identity Center"),
  call("connect", "CreateInstance", { identityManagementType: "EXISTING_DIRECTORY", directoryId: "d-1234567890", inboundCallsEnabled: true, outboundCallsEnabled: true },
    [...each("connect:CreateInstance", "*"), ...each("ds:AuthorizeApplication", `arn:aws:ds:${R}:${A}:directory/d-1234567890`)],
    `${SAR("Amazon Connect", "CreateInstance, dependent action ds:AuthorizeApplication")}; Connect API Reference, CreateInstance DirectoryId`),
];

export const REFERENCE_CALLS: readonly ReferenceCall[] = [...S3_CALLS, ...DYNAMODB_CALLS, ...MESSAGING_CALLS, ...COMPUTE_CALLS, ...OTHER_CALLS, ...MORE_CALLS, ...FOUND_CALLS, ...TAG_ON_CREATE_CALLS, ...PASS_ROLE_BREADTH_CALLS, ...DEPENDENT_CALLS];

/**
 * A call's reference key: service prefix, operation and the request features that change its
 * actions (request-features.ts), "s3:GetObject+has:versionId".
 */
export function referenceKey(eventSource: string, eventName: string, flags: readonly string[]): string {
  return [`${servicePrefixOf(eventSource)}:${stripVersionSuffix(eventName)}`, ...[...flags].sort()].join("+");
}

/** The flags the engine would derive from a reference row's request. */
export function flagsOfRequest(requestParameters: Readonly<Record<string, unknown>> | undefined): readonly string[] {
  if (requestParameters === undefined) return [];
  return Object.entries(REQUEST_FLAGS)
    .filter(([, flag]) => {
      const value = requestParameters[flag.parameter];
      if (value === undefined || value === null || value === "") return false;
      return flag.matches === undefined || new RegExp(flag.matches).test(String(value));
    })
    .map(([name]) => name);
}

/** The flags a usage row carries. */
export function flagsOfRow(row: Pick<UsageRow, "parameters">): readonly string[] {
  return Object.keys(row.parameters).filter((name) => REQUEST_FLAGS[name] !== undefined && row.parameters[name] === "true");
}

const KEYS: ReadonlySet<string> = new Set(REFERENCE_CALLS.map((c) => referenceKey(c.eventSource, c.eventName, flagsOfRequest(c.requestParameters))));

/** Whether the reference holds a call like this row's: same service, operation and request features. */
export function inReference(row: Pick<UsageRow, "eventSource" | "eventName" | "parameters">): boolean {
  return KEYS.has(referenceKey(row.eventSource, row.eventName, flagsOfRow(row)));
}
