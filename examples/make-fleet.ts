// Writes examples/fleet: three weeks of CloudTrail for a three-service ECS fleet whose object keys,
// execution names and file names have the shapes production's have (UUID folders, dated folders,
// ULIDs, epoch milliseconds), and whose behaviour changes late in the window. It is the data for
// a backtest: a policy made from the first 70% of the days must allow the rest, except for the
// few calls that are really new. Deterministic (seeded PRNG, fixed clock, Node zlib), so the
// committed tree changes only when this script does.
//   npm run build && node dist/examples/make-fleet.js [--out DIR]   (default: examples/fleet)

import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Caller,
  type JsonObject,
  type RoleSession,
  type ServiceCall,
  assumedRoleArn,
  cloudTrailRecord,
  describeExecution,
  dynamoDbBatchWriteItem,
  dynamoDbCall,
  ecrCall,
  ecsAssumesTaskRole,
  ecsCall,
  executionArn,
  getSecretValue,
  kmsCall,
  logsCall,
  notAuthorized,
  responseDate,
  s3ObjectCall,
  serviceCaller,
  snsPublish,
  sqsCall,
  startExecution,
  taskCaller,
} from "./cloudtrail-records.js";
import { deliveryBody, deliveryPath, writeDeliveryFile } from "./s3-delivery.js";
import { SeededRandom } from "./seeded-random.js";

const DEFAULT_OUT_DIR = fileURLToPath(new URL("../../examples/fleet/", import.meta.url)); // dist/examples -> examples
const ACCOUNT = "111122223333";
const US = "us-east-1";
const EU = "eu-west-1";
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// Dated before today, so that no event looks like it comes from the future. The month rolls over
// on day 19 (2026-11-01), after a 70% split (about day 14.7). Move it by whole weeks: weekends are
// quieter days.
const FIRST_DAY = Date.parse("2026-10-13T00:00:00Z");
const DAY_COUNT = 21; // 2026-10-13 through 2026-11-02
/** CloudTrail delivers about every five minutes per region; one file per hour keeps the tree small. */
const DELIVERY_WINDOW_MS = HOUR_MS;
const DELIVERY_DELAY_MS = 5 * 60_000;

// The late changes a backtest must catch (README "What changes late").
const BILLING_AUDIT_FROM = FIRST_DAY + 17 * DAY_MS; // 2026-10-30: PutItem on billing-audit, BatchWriteItem on invoices
const REMINDERS_FROM = FIRST_DAY + 18 * DAY_MS; // 2026-10-31: GetObject templates/reminder.html
/** When the ECS services were created (UpdateService returns it): long before the window. */
const SERVICES_CREATED = FIRST_DAY - 64 * DAY_MS + 9 * HOUR_MS + 131_000; // 2026-08-10T09:02:11Z

const MEDIA_BUCKET = "acme-media-uploads";
const BILLING_BUCKET = "acme-billing-data";
const REPORTS_BUCKET = "acme-reports";
const MEDIA_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/3e7a1c90-5b2d-4f8e-a6c4-91d0b2e7f536`;
const BILLING_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/a94f2d17-0c6b-4e35-8d2a-6f1e9b3c5d70`;
const JOBS_QUEUE_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/6b1d8e43-2f7a-4c09-b5e6-d3a0c8f1927e`;
const SECRETS_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/c81a4f0e-95d2-4b7a-b3e6-0d4f2a9c7e51`;
const STRIPE_SECRET_NAME = "prod/billing/stripe-key";
const STRIPE_SECRET_ARN = `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:${STRIPE_SECRET_NAME}-Hk4vQ1`;
const MONTHLY_REPORT = `arn:aws:states:${US}:${ACCOUNT}:stateMachine:monthly-report`;
const NAT_IP = "198.51.100.41"; // the VPC's NAT gateway; S3 goes through a gateway endpoint instead
const S3_ENDPOINT = "vpce-0c4d5e6f708192a3b";

type ServiceName = "media-service" | "billing-service" | "reports-service";

interface FleetService {
  readonly name: ServiceName;
  /** Container secret injected by Fargate, fetched by full ARN (valueFrom); fixed six-character suffix. */
  readonly dbSecretArn: string;
  readonly layers: number;
  readonly imageTag: (day: number) => string;
  /** Minutes after midnight of the nightly deploy that replaces the service's task. */
  readonly deployMinute: number;
}

const SERVICES: Record<ServiceName, FleetService> = {
  "media-service": {
    name: "media-service",
    dbSecretArn: `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:prod/media-service/db-password-Mx7Qa2`,
    layers: 3,
    imageTag: (day) => `v2.${14 + Math.floor(day / 4)}.0`,
    deployMinute: 4,
  },
  "billing-service": {
    name: "billing-service",
    dbSecretArn: `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:prod/billing-service/db-password-Bl9Zk4`,
    layers: 3,
    imageTag: (day) => `v5.${3 + Math.floor(day / 7)}.${day % 7}`,
    deployMinute: 9,
  },
  "reports-service": {
    name: "reports-service",
    dbSecretArn: `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:prod/reports-service/db-password-Rp2Wn8`,
    layers: 4,
    imageTag: (day) => `r${112 + Math.floor(day / 5)}`,
    deployMinute: 14,
  },
};

const rng = new SeededRandom(20261117); // a seed, not a date: kept when the window moved, so every draw is the same
const roleIds = new Map<string, string>();

interface Timed {
  readonly at: number;
  readonly region: string;
  readonly record: JsonObject;
}
const timeline: Timed[] = [];

function iso(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function emit(at: number, region: string, caller: Caller, call: ServiceCall, failure?: { errorCode: string; errorMessage: string }): void {
  timeline.push({ at, region, record: cloudTrailRecord(rng, caller, iso(at), region, ACCOUNT, call, failure) });
}

function session(roleName: string, sessionName: string, at: number): RoleSession {
  let roleId = roleIds.get(roleName);
  if (roleId === undefined) roleIds.set(roleName, (roleId = rng.awsId("AROA")));
  return { account: ACCOUNT, roleName, rolePath: "/ecs/", roleId, sessionName, accessKeyId: rng.awsId("ASIA"), creationDate: iso(at) };
}

function nodeSdk(api: string): string {
  return `aws-sdk-js/3.693.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.1 api/${api}#3.693.0 m/E`;
}

function goSdk(api: string): string {
  return `aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/${api}#1.36.4 m/E`;
}

const BOTO3 = "Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.54";

// -----------------------------------------------------------------------------------------------
// Name shapes. Each is a token a real service generates per object, so yesterday's names never
// come back; only their shape does.

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** ULID: 48-bit millisecond time in 10 Crockford base32 characters, then 80 random bits in 16. */
function ulid(at: number): string {
  let time = "";
  for (let rest = at, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32] + time;
  return time + rng.chars(CROCKFORD, 16);
}

/** A batch number of three to five digits, without a leading zero. */
function batchNumber(): number {
  const digits = rng.int(3, 5);
  return rng.int(10 ** (digits - 1), 10 ** digits - 1);
}

/** The event's UTC date as yyyy, MM and dd. */
function dateParts(at: number): { yyyy: string; mm: string; dd: string } {
  const day = new Date(at).toISOString();
  return { yyyy: day.slice(0, 4), mm: day.slice(5, 7), dd: day.slice(8, 10) };
}

// Uploads and invoices by hour of day (UTC): quiet at night, busy in the working day.
const TRAFFIC_HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1];

function weightedHour(weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let draw = rng.next() * total;
  for (const [hour, weight] of weights.entries()) {
    if ((draw -= weight) < 0) return hour;
  }
  return weights.length - 1;
}

/** Times of `count` requests in one day, after the day's task is up, in order. */
function requestTimes(task: Task, midnight: number, count: number, weights: readonly number[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = midnight + weightedHour(weights) * HOUR_MS + rng.int(0, 50 * 60) * 1000 + rng.int(0, 999);
    times.push(Math.max(at, task.startedAt + rng.int(120, 900) * 1000));
  }
  return times.sort((a, b) => a - b);
}

// -----------------------------------------------------------------------------------------------
// A service's task start: ECS assumes the task role, then Fargate uses the execution role to pull
// the image, create the log stream and fetch the container's secret. PutLogEvents follows, but
// trails do not record it.

interface Task {
  readonly service: FleetService;
  readonly id: string;
  readonly startedAt: number;
  readonly privateIp: string;
  readonly taskRole: RoleSession;
  readonly executionRole: RoleSession;
}

function startTask(service: FleetService, at: number, day: number): Task {
  const id = rng.hex(32);
  const task: Task = {
    service,
    id,
    startedAt: at,
    privateIp: `10.0.${rng.int(16, 47)}.${rng.int(10, 250)}`,
    taskRole: session(`${service.name}-task`, id, at),
    executionRole: session(`${service.name}-execution`, id, at),
  };
  timeline.push({ at, region: US, record: ecsAssumesTaskRole(rng, task.taskRole, iso(at), US) });

  const fargate = serviceCaller(task.executionRole, "ecs-tasks.amazonaws.com");
  const tag = service.imageTag(day);
  let t = at + 2_000;
  emit(t, US, fargate, ecrCall(rng, ACCOUNT, US, service.name, "GetAuthorizationToken", tag));
  emit((t += 400), US, fargate, ecrCall(rng, ACCOUNT, US, service.name, "BatchGetImage", tag));
  for (let layer = 0; layer < service.layers; layer++) emit((t += 300), US, fargate, ecrCall(rng, ACCOUNT, US, service.name, "GetDownloadUrlForLayer", tag));
  emit((t += 9_000), US, fargate, logsCall(US, "CreateLogStream", `/ecs/${service.name}`, `ecs/${service.name}/${id}`));
  emit((t += 500), US, fargate, getSecretValue(US, service.dbSecretArn));
  emit((t += 40), US, serviceCaller(task.executionRole, "secretsmanager.amazonaws.com"), kmsCall(US, "Decrypt", SECRETS_KEY, { SecretARN: service.dbSecretArn, SecretVersionId: rng.uuid() }));
  return task;
}

/**
 * KMS calls S3 and SQS make for the role when their cached data key has expired, not one per object
 * or message: an S3 Bucket Key is reused for a time-limited period, and media-jobs sets
 * KmsDataKeyReusePeriodSeconds to 21600 (the default is 300, the maximum 86400). Modelled as one
 * call per operation, key and task in each six-hour period.
 */
const DATA_KEY_REUSE_MS = 6 * HOUR_MS;

function cachedKmsCall(cache: Set<string>, at: number, caller: Caller, call: ServiceCall): void {
  const key = `${call.eventName} ${call.resources?.[0]?.ARN ?? ""} ${Math.floor(at / DATA_KEY_REUSE_MS)}`;
  if (cache.has(key)) return;
  cache.add(key);
  emit(at + 15, US, caller, call);
}

// -----------------------------------------------------------------------------------------------
// media-service: a Node.js API and worker. Each upload gets its own UUID folder: the original,
// then two thumbnails the worker renders after a message on media-jobs. The bucket uses SSE-KMS
// with an S3 Bucket Key, so KMS sees the bucket's ARN, not the object's.

const mediaUploads: string[] = [];

function mediaCallers(task: Task) {
  return {
    app: (api: string) => taskCaller(task.taskRole, NAT_IP, nodeSdk(api)),
    s3: taskCaller(task.taskRole, task.privateIp, nodeSdk("s3"), S3_ENDPOINT),
    viaS3: serviceCaller(task.taskRole, "s3.amazonaws.com"),
    viaSqs: serviceCaller(task.taskRole, "sqs.amazonaws.com"),
    kms: new Set<string>(),
  };
}

type MediaCallers = ReturnType<typeof mediaCallers>;

const mediaBucketContext = { "aws:s3:arn": `arn:aws:s3:::${MEDIA_BUCKET}` };

function mediaGet(c: MediaCallers, at: number, operation: "GetObject" | "HeadObject", key: string, bytes: number): void {
  emit(at, US, c.s3, s3ObjectCall(rng, operation, ACCOUNT, US, MEDIA_BUCKET, key, bytes, MEDIA_KEY));
  if (operation === "GetObject") cachedKmsCall(c.kms, at, c.viaS3, kmsCall(US, "Decrypt", MEDIA_KEY, mediaBucketContext));
}

function mediaPut(c: MediaCallers, at: number, key: string, bytes: number): void {
  emit(at, US, c.s3, s3ObjectCall(rng, "PutObject", ACCOUNT, US, MEDIA_BUCKET, key, bytes, MEDIA_KEY));
  cachedKmsCall(c.kms, at, c.viaS3, kmsCall(US, "GenerateDataKey", MEDIA_KEY, mediaBucketContext));
}

/** The same two configuration objects at every start and every six hours after. */
function mediaConfig(c: MediaCallers, at: number): void {
  mediaGet(c, at, "GetObject", "config/media.json", 2_418);
  mediaGet(c, at + 70, "GetObject", "config/limits.json", 611);
}

function mediaUpload(c: MediaCallers, at: number): void {
  const folder = `uploads/${rng.uuid()}/`;
  const ddb = c.app("dynamodb");
  const sqs = c.app("sqs");
  let t = at;
  mediaPut(c, t, `${folder}original.jpg`, rng.int(400_000, 6_000_000));
  emit((t += 90), US, ddb, dynamoDbCall(ACCOUNT, US, "media-items", "PutItem", ["itemId"]));
  emit((t += 60), US, sqs, sqsCall(rng, ACCOUNT, US, "media-jobs", "SendMessage"));
  cachedKmsCall(c.kms, t, c.viaSqs, kmsCall(US, "GenerateDataKey", JOBS_QUEUE_KEY, { "aws:sqs:arn": `arn:aws:sqs:${US}:${ACCOUNT}:media-jobs` }));

  // The worker picks the job up a few seconds later and renders two thumbnails.
  emit((t += rng.int(800, 15_000)), US, sqs, sqsCall(rng, ACCOUNT, US, "media-jobs", "ReceiveMessage"));
  cachedKmsCall(c.kms, t, c.viaSqs, kmsCall(US, "Decrypt", JOBS_QUEUE_KEY, { "aws:sqs:arn": `arn:aws:sqs:${US}:${ACCOUNT}:media-jobs` }));
  mediaGet(c, (t += 60), "GetObject", `${folder}original.jpg`, rng.int(400_000, 6_000_000));
  mediaPut(c, (t += rng.int(900, 3_000)), `${folder}thumb-256.jpg`, rng.int(8_000, 30_000));
  mediaPut(c, (t += rng.int(300, 1_500)), `${folder}thumb-1024.jpg`, rng.int(80_000, 300_000));
  emit((t += 50), US, sqs, sqsCall(rng, ACCOUNT, US, "media-jobs", "DeleteMessage"));
  mediaUploads.push(folder);

  if (rng.chance(0.3)) emit((t += rng.int(2_000, 30_000)), US, ddb, ownerQuery());
  if (rng.chance(0.2) && mediaUploads.length > 10) {
    // Someone opens an older upload: its item, HEAD for the size, then GET.
    const old = `${rng.pick(mediaUploads.slice(0, -1))}${rng.pick(["original.jpg", "thumb-256.jpg", "thumb-1024.jpg"])}`;
    emit((t += rng.int(5_000, 60_000)), US, ddb, dynamoDbCall(ACCOUNT, US, "media-items", "GetItem", ["itemId"]));
    mediaGet(c, (t += 40), "HeadObject", old, 0);
    mediaGet(c, (t += 45), "GetObject", old, rng.int(8_000, 2_000_000));
  }
}

/** The builder's Query names `customerId`; media-items' index is keyed by owner. */
function ownerQuery(): ServiceCall {
  const call = dynamoDbCall(ACCOUNT, US, "media-items", "Query", ["itemId"], "by-owner");
  return { ...call, requestParameters: { ...(call.requestParameters as JsonObject), expressionAttributeNames: { "#k": "ownerId" } } };
}

function mediaDenied(task: Task, at: number): void {
  // A user deletes an upload; the service's role may not delete objects.
  const s3 = taskCaller(task.taskRole, task.privateIp, nodeSdk("s3"), S3_ENDPOINT);
  const key = `${rng.pick(mediaUploads)}original.jpg`;
  emit(at, US, s3, s3ObjectCall(rng, "DeleteObject", ACCOUNT, US, MEDIA_BUCKET, key, 0), { errorCode: "AccessDenied", errorMessage: "Access Denied" });
}

function mediaDay(task: Task, midnight: number, day: number): void {
  const c = mediaCallers(task);
  for (let at = task.startedAt + 20_000; at < midnight + DAY_MS - HOUR_MS; at += 6 * HOUR_MS + rng.int(0, 600_000)) mediaConfig(c, at);
  const uploads = weekend(midnight) ? rng.int(5, 8) : rng.int(11, 15);
  for (const at of requestTimes(task, midnight, uploads, TRAFFIC_HOUR_WEIGHTS)) mediaUpload(c, at);
  if ([2, 9, 17].includes(day)) mediaDenied(task, midnight + rng.int(10, 20) * HOUR_MS + rng.int(0, 3_599_999));
}

// -----------------------------------------------------------------------------------------------
// billing-service: a Go service writing invoices to DynamoDB, a JSON receipt per invoice under a
// dated folder and a ULID name, analytics parts in most hours in Hive-style partitions, and a few CSV
// exports each evening. The bucket uses SSE-KMS without a Bucket Key: one KMS call per object.

interface PendingRead {
  readonly at: number;
  readonly key: string;
}
const exportReads: PendingRead[] = [];

function billingCallers(task: Task) {
  return {
    app: (api: string) => taskCaller(task.taskRole, NAT_IP, goSdk(api)),
    s3: taskCaller(task.taskRole, task.privateIp, goSdk("s3"), S3_ENDPOINT),
    viaS3: serviceCaller(task.taskRole, "s3.amazonaws.com"),
  };
}

type BillingCallers = ReturnType<typeof billingCallers>;

function billingPut(c: BillingCallers, at: number, key: string, bytes: number): void {
  emit(at, US, c.s3, s3ObjectCall(rng, "PutObject", ACCOUNT, US, BILLING_BUCKET, key, bytes, BILLING_KEY));
  emit(at + 20, US, c.viaS3, kmsCall(US, "GenerateDataKey", BILLING_KEY, { "aws:s3:arn": `arn:aws:s3:::${BILLING_BUCKET}/${key}` }));
}

function billingGet(c: BillingCallers, at: number, key: string, bytes: number): void {
  emit(at, US, c.s3, s3ObjectCall(rng, "GetObject", ACCOUNT, US, BILLING_BUCKET, key, bytes, BILLING_KEY));
  emit(at + 20, US, c.viaS3, kmsCall(US, "Decrypt", BILLING_KEY, { "aws:s3:arn": `arn:aws:s3:::${BILLING_BUCKET}/${key}` }));
}

/** The Stripe key by name, as the secrets cache asks for it, at start and when its TTL expires. */
function billingSecret(task: Task, c: BillingCallers, at: number): void {
  emit(at, US, c.app("secrets-manager"), getSecretValue(US, STRIPE_SECRET_NAME, "AWSCURRENT"));
  emit(at + 40, US, serviceCaller(task.taskRole, "secretsmanager.amazonaws.com"), kmsCall(US, "Decrypt", SECRETS_KEY, { SecretARN: STRIPE_SECRET_ARN, SecretVersionId: "9d4c2b7e-1a5f-4e83-b6d0-7c3e2f1a8b95" }));
}

function invoice(c: BillingCallers, at: number): void {
  const ddb = c.app("dynamodb");
  let t = at;
  emit(t, US, ddb, dynamoDbCall(ACCOUNT, US, "invoices", "GetItem", ["invoiceId"]));
  if (rng.chance(0.4)) emit((t += 40), US, ddb, dynamoDbCall(ACCOUNT, US, "invoices", "Query", ["invoiceId"], "by-customer"));
  emit((t += 70), US, ddb, dynamoDbCall(ACCOUNT, US, "invoices", "PutItem", ["invoiceId"]));
  // New behaviour, rare at first as a new feature is: invoices above a threshold are audited.
  if (t >= BILLING_AUDIT_FROM && rng.chance(0.12)) emit((t += 30), US, ddb, dynamoDbCall(ACCOUNT, US, "billing-audit", "PutItem", ["auditId"]));
  const { yyyy, mm, dd } = dateParts(t);
  t += rng.int(200, 900);
  billingPut(c, t, `receipts/${yyyy}/${mm}/${dd}/${ulid(t)}.json`, rng.int(1_200, 4_800));
  emit((t += 150), US, ddb, dynamoDbCall(ACCOUNT, US, "invoices", "UpdateItem", ["invoiceId"]));
}

function analyticsPart(c: BillingCallers, at: number): void {
  const { yyyy, mm, dd } = dateParts(at);
  billingPut(c, at, `analytics/year=${yyyy}/month=${mm}/day=${dd}/part-${rng.hex(16)}.parquet`, rng.int(200_000, 4_000_000));
}

/** An evening export; some are downloaded again in the next day's working hours. */
function exportBatch(c: BillingCallers, at: number, midnight: number): void {
  const { yyyy, mm } = dateParts(at);
  const key = `exports/${yyyy}/${mm}/batch-${batchNumber()}.csv.gz`;
  billingPut(c, at, key, rng.int(50_000, 900_000));
  if (rng.chance(0.5)) exportReads.push({ at: midnight + DAY_MS + rng.int(8 * 3600, 17 * 3600) * 1000, key });
}

/** From BILLING_AUDIT_FROM, a nightly import writes invoices in one batch: a new action. */
function batchImport(c: BillingCallers, at: number): void {
  emit(at + rng.int(1_000, 8_000), US, c.app("dynamodb"), dynamoDbBatchWriteItem(ACCOUNT, US, "invoices", ["invoiceId"], rng.int(5, 25)));
}

function billingDenied(task: Task, at: number): void {
  const caller = assumedRoleArn(task.taskRole);
  const table = `arn:aws:dynamodb:${US}:${ACCOUNT}:table/invoices`;
  emit(at, US, taskCaller(task.taskRole, NAT_IP, goSdk("dynamodb")), dynamoDbCall(ACCOUNT, US, "invoices", "Scan", []), {
    errorCode: "AccessDeniedException",
    errorMessage: notAuthorized(caller, "dynamodb:Scan", table),
  });
}

function billingDay(task: Task, midnight: number, day: number): void {
  const c = billingCallers(task);
  for (let at = task.startedAt + 15_000; at < midnight + DAY_MS; at += 8 * HOUR_MS + rng.int(0, 300_000)) billingSecret(task, c, at);
  for (const read of exportReads.filter((r) => r.at >= midnight && r.at < midnight + DAY_MS)) {
    billingGet(c, read.at, read.key, rng.int(50_000, 900_000));
  }
  const invoices = weekend(midnight) ? rng.int(4, 7) : rng.int(10, 14);
  for (const at of requestTimes(task, midnight, invoices, TRAFFIC_HOUR_WEIGHTS)) invoice(c, at);
  for (let hour = 0; hour < 24; hour++) {
    if (rng.chance(0.6)) analyticsPart(c, Math.max(midnight + hour * HOUR_MS + rng.int(300, 3_300) * 1000, task.startedAt + 60_000));
  }
  for (let n = rng.int(3, 5); n > 0; n--) exportBatch(c, midnight + rng.int(18 * 60, 23 * 60 + 30) * 60_000 + rng.int(0, 59_999), midnight);
  if (midnight >= BILLING_AUDIT_FROM) batchImport(c, midnight + rng.int(120, 170) * 60_000);
  if ([5, 12, 19].includes(day)) billingDenied(task, midnight + rng.int(9, 17) * HOUR_MS + rng.int(0, 3_599_999));
}

// -----------------------------------------------------------------------------------------------
// reports-service: a Python renderer. Each report reads a template, writes a PDF to tmp/ under an
// epoch-millisecond name, deletes it once delivered, and announces it on SNS (EU customers on a
// topic in eu-west-1). Month-end runs go through the monthly-report state machine. SSE-S3 bucket:
// no KMS.

function report(task: Task, at: number, template: string): void {
  const s3 = taskCaller(task.taskRole, task.privateIp, BOTO3, S3_ENDPOINT);
  const app = taskCaller(task.taskRole, NAT_IP, BOTO3);
  let t = at;
  emit(t, US, s3, s3ObjectCall(rng, "GetObject", ACCOUNT, US, REPORTS_BUCKET, `templates/${template}`, rng.int(6_000, 24_000)));
  t += rng.int(1_500, 9_000);
  const pdf = `tmp/${t}-report.pdf`;
  emit(t, US, s3, s3ObjectCall(rng, "PutObject", ACCOUNT, US, REPORTS_BUCKET, pdf, rng.int(40_000, 400_000)));
  const eu = rng.chance(0.3);
  emit((t += rng.int(200, 800)), eu ? EU : US, app, snsPublish(rng, ACCOUNT, eu ? EU : US, eu ? "reports-ready-eu" : "reports-ready"));
  emit((t += rng.int(20_000, 90_000)), US, s3, s3ObjectCall(rng, "DeleteObject", ACCOUNT, US, REPORTS_BUCKET, pdf, 0));
}

function monthlyReportRun(task: Task, at: number): void {
  const app = taskCaller(task.taskRole, NAT_IP, BOTO3);
  const name = `report-${rng.uuid()}`;
  emit(at, US, app, startExecution(US, MONTHLY_REPORT, name, iso(at)));
  let t = at;
  for (let poll = rng.int(2, 3); poll > 0; poll--) emit((t += rng.int(30_000, 180_000)), US, app, describeExecution(US, executionArn(MONTHLY_REPORT, name)));
}

const REPORT_HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 0, 2, 4, 6, 6, 6, 6, 6, 6, 6, 5, 4, 3, 2, 1, 0, 0, 0];

function reportsDay(task: Task, midnight: number): void {
  const count = weekend(midnight) ? rng.int(3, 4) : rng.int(7, 10);
  const times = requestTimes(task, midnight, count, REPORT_HOUR_WEIGHTS);
  // Invoices and statements every day; reminders only from REMINDERS_FROM.
  times.forEach((at, i) => report(task, at, i % 2 === 0 ? "invoice.html" : "statement.html"));
  if (midnight >= REMINDERS_FROM) {
    for (const at of requestTimes(task, midnight, rng.int(2, 4), REPORT_HOUR_WEIGHTS)) report(task, at, "reminder.html");
  }
  for (const at of requestTimes(task, midnight, rng.int(2, 4), REPORT_HOUR_WEIGHTS)) monthlyReportRun(task, at);
}

// -----------------------------------------------------------------------------------------------
// A CI user deploying: not an ECS role; the tool must list it, never fold it into a task role.

function deployBot(at: number, service: FleetService, revision: number): void {
  const bot: Caller = {
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAQRSTUVWXYZ2345678",
      arn: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAQRSTUVWXYZ234567",
      userName: "deploy-bot",
    },
    sourceIPAddress: "192.0.2.117",
    userAgent: "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/GitHub_Actions cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#ecs.update-service",
    viaService: false,
  };
  const describe = ecsCall(US, "DescribeServices", { cluster: "prod", services: [service.name] }, null, true);
  emit(at, US, bot, describe);
  emit(at + 2_000, US, bot, ecsCall(
    US,
    "UpdateService",
    { cluster: "prod", service: service.name, taskDefinition: `${service.name}:${revision}`, forceNewDeployment: true },
    {
      service: {
        serviceArn: `arn:aws:ecs:${US}:${ACCOUNT}:service/prod/${service.name}`,
        serviceName: service.name,
        clusterArn: `arn:aws:ecs:${US}:${ACCOUNT}:cluster/prod`,
        status: "ACTIVE",
        desiredCount: 1,
        runningCount: 1,
        pendingCount: 0,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        taskDefinition: `arn:aws:ecs:${US}:${ACCOUNT}:task-definition/${service.name}:${revision}`,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
        createdAt: responseDate(iso(SERVICES_CREATED)),
        createdBy: `arn:aws:iam::${ACCOUNT}:role/terraform`,
      },
    },
    false,
  ));
  emit(at + 45_000, US, bot, describe);
}

// -----------------------------------------------------------------------------------------------

function weekend(midnight: number): boolean {
  const weekday = new Date(midnight).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const DEPLOYS: readonly (readonly [day: number, service: ServiceName, revision: number])[] = [
  [1, "media-service", 61],
  [6, "billing-service", 118],
  [10, "reports-service", 24],
  [15, "media-service", 62],
  [19, "billing-service", 119],
];

function simulate(): void {
  for (let day = 0; day < DAY_COUNT; day++) {
    const midnight = FIRST_DAY + day * DAY_MS;
    // The nightly deploy replaces every service's task: new task id, new role sessions.
    const tasks = Object.values(SERVICES).map((service) => {
      for (const [d, name, revision] of DEPLOYS) {
        if (d === day && name === service.name) deployBot(midnight + (service.deployMinute - 2) * 60_000, service, revision);
      }
      return startTask(service, midnight + service.deployMinute * 60_000 + rng.int(0, 59) * 1000, day);
    });
    const [media, billing, reports] = tasks as [Task, Task, Task];
    mediaDay(media, midnight, day);
    billingDay(billing, midnight, day);
    reportsDay(reports, midnight);
  }
}

/** Group by region and hour; each group is one delivery file. */
function deliver(outDir: string): { files: number; events: number; gzipBytes: number } {
  // Only the tree this script owns is replaced, whatever directory --out names.
  rmSync(join(outDir, "AWSLogs"), { recursive: true, force: true });
  const groups = new Map<string, Timed[]>();
  const ordered = [...timeline].sort((a, b) => a.at - b.at || a.region.localeCompare(b.region));
  for (const event of ordered) {
    const window = Math.floor(event.at / DELIVERY_WINDOW_MS) * DELIVERY_WINDOW_MS;
    const key = `${event.region} ${window}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  const names = new SeededRandom(1117);
  let gzipBytes = 0;
  for (const [key, events] of groups) {
    const [region = US, window = "0"] = key.split(" ");
    // Delivered a few minutes after the hour closes: the 23:00 hour lands in the next day's folder.
    const deliveredAt = new Date(Number(window) + DELIVERY_WINDOW_MS + DELIVERY_DELAY_MS);
    const path = deliveryPath(ACCOUNT, region, deliveredAt, names.base62(16));
    gzipBytes += writeDeliveryFile(outDir, path, deliveryBody(events.map((e) => JSON.stringify(e.record))));
  }
  return { files: groups.size, events: timeline.length, gzipBytes };
}

function summarize(): string {
  const first = Math.min(...timeline.map((e) => e.at));
  const last = Math.max(...timeline.map((e) => e.at));
  const split = first + Math.round(0.7 * (last - first));
  const byPrincipal = new Map<string, { all: number; after: number }>();
  for (const { at, record } of timeline) {
    const identity = record.userIdentity as { type?: string; arn?: string; invokedBy?: string; sessionContext?: { sessionIssuer?: { arn?: string } } };
    const principal = identity.sessionContext?.sessionIssuer?.arn ?? identity.arn ?? `(${identity.type ?? "no type"}: ${identity.invokedBy ?? "?"})`;
    const counts = byPrincipal.get(principal) ?? { all: 0, after: 0 };
    counts.all += 1;
    if (at >= split && record.errorCode === undefined) counts.after += 1;
    byPrincipal.set(principal, counts);
  }
  const rows = [...byPrincipal].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    `  first event ${iso(first)}, last ${iso(last)}, 70% of the span at ${iso(split)}`,
    "  events  successful after 70%  principal",
    ...rows.map(([p, n]) => `  ${String(n.all).padStart(6)}  ${String(n.after).padStart(20)}  ${p}`),
  ].join("\n");
}

const outFlag = process.argv.indexOf("--out");
const outArg = outFlag === -1 ? DEFAULT_OUT_DIR : process.argv[outFlag + 1];
if (outArg === undefined || outArg === "") throw new Error("--out needs a directory");
const outDir = resolve(outArg);
simulate();
const { files, events, gzipBytes } = deliver(outDir);
console.log(`wrote ${events} events in ${files} files (${gzipBytes} bytes of gzip) under ${outDir}\n${summarize()}`);
