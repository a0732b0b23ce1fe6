// The benchmark's synthetic fleet: 21 ECS services (42 roles: task + execution) in one account and
// two regions over 30 days. Each delivery file is synthesized from its index alone, so files can be
// written in any order by any worker and the dataset for a given N is always the same.
//
// The mix is shaped like a busy trail with data events on: S3 object calls dominate, with
// high-cardinality keys under a few prefixes per bucket (the source of most distinct groups),
// then DynamoDB, SQS, KMS on the role's behalf, Secrets Manager, SSM, SNS, and the execution roles'
// PutLogEvents on per-task streams. About 1% of calls are denied. A deploy user adds rare records
// with a very large responseElements; GetCallerIdentity adds null requestParameters.

import {
  type Caller,
  type JsonObject,
  type RoleSession,
  type ServiceCall,
  assumedRoleArn,
  cloudTrailRecord,
  dynamoDbCall,
  ecrCall,
  getCallerIdentity,
  getSecretValue,
  kmsCall,
  logsCall,
  notAuthorized,
  s3ListObjectsV2,
  s3ObjectCall,
  serviceCaller,
  snsPublish,
  sqsCall,
  ssmCall,
  taskCaller,
} from "../examples/cloudtrail-records.js";
import { deliveryPath } from "../examples/s3-delivery.js";
import { SeededRandom, seedFrom } from "../examples/seeded-random.js";

export const EVENTS_PER_FILE = 2_500;
const ACCOUNT = "111122223333";
const REGIONS = ["us-east-1", "eu-west-1"] as const;
const START = Date.parse("2026-10-01T00:00:00Z");
const DAYS = 30;
const TASKS_PER_SERVICE_DAY = 3;
const SERVICES = [
  "payments", "notifications", "orders", "inventory", "billing", "search", "auth", "catalog", "shipping", "reporting",
  "ledger", "fraud", "pricing", "users", "media", "analytics", "gateway", "checkout", "reviews", "recommendations", "audit",
];
/** The first service's task role, the busiest: what `npm run bench` times `generate --role` on. */
export const FIRST_TASK_ROLE = `${SERVICES[0]}-service-task`;
const PREFIXES = ["uploads", "exports", "reports", "thumbnails", "invoices", "raw", "processed", "cache"];

interface Service {
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly keyIds: readonly string[]; // one KMS key per region
  readonly taskRoleId: string;
  readonly executionRoleId: string;
  readonly sdk: (api: string) => string;
}

const fleet: readonly Service[] = SERVICES.map((name) => {
  const rng = new SeededRandom(seedFrom(`service ${name}`));
  const prefixes = PREFIXES.filter(() => rng.chance(0.5)).slice(0, 5);
  for (const prefix of PREFIXES) if (prefixes.length < 3 && !prefixes.includes(prefix)) prefixes.push(prefix);
  const node = rng.chance(0.6);
  return {
    name,
    prefixes,
    keyIds: REGIONS.map(() => rng.uuid()),
    taskRoleId: rng.awsId("AROA"),
    executionRoleId: rng.awsId("AROA"),
    sdk: node
      ? (api) => `aws-sdk-js/3.693.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.1 api/${api}#3.693.0 m/E`
      : (api) => `aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/${api}#1.36.4 m/E`,
  };
});

/** One running task: the same id (and so session name) appears across many files of its day. */
interface Task {
  readonly service: Service;
  readonly region: string;
  readonly id: string;
  readonly taskRole: RoleSession;
  readonly executionRole: RoleSession;
  readonly privateIp: string;
}

function task(service: Service, region: string, day: number, slot: number): Task {
  const rng = new SeededRandom(seedFrom(`task ${service.name} ${region} ${day} ${slot}`));
  const id = rng.hex(32);
  const creationDate = new Date(START + day * 86_400_000 + slot * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const role = (suffix: string, roleId: string): RoleSession => ({
    account: ACCOUNT,
    roleName: `${service.name}-service-${suffix}`,
    rolePath: "/ecs/",
    roleId,
    sessionName: id,
    accessKeyId: rng.awsId("ASIA"),
    creationDate,
  });
  return {
    service,
    region,
    id,
    taskRole: role("task", service.taskRoleId),
    executionRole: role("execution", service.executionRoleId),
    privateIp: `10.${region === "us-east-1" ? 0 : 1}.${rng.int(16, 63)}.${rng.int(10, 250)}`,
  };
}

interface Context {
  readonly rng: SeededRandom;
  readonly task: Task;
  readonly region: string;
  readonly day: string; // yyyy/mm/dd of the event, for date-partitioned object keys
}

type Generate = (c: Context) => { caller: Caller; call: ServiceCall; denied?: string };

const bucketOf = (c: Context) => `acme-${c.task.service.name}-${c.region}`;
const keyArnOf = (c: Context) => `arn:aws:kms:${c.region}:${ACCOUNT}:key/${c.task.service.keyIds[c.region === "us-east-1" ? 0 : 1]}`;
const app = (c: Context, api: string) => taskCaller(c.task.taskRole, "198.51.100.23", c.task.service.sdk(api));
const s3App = (c: Context) => taskCaller(c.task.taskRole, c.task.privateIp, c.task.service.sdk("s3"), "vpce-0a1b2c3d4e5f60718");

/** Half the traffic hits a small hot set per prefix; the rest spreads over a large key space, so
 *  distinct keys keep growing with N as they do in a real bucket. */
function objectKey(c: Context): string {
  const prefix = c.rng.pick(c.task.service.prefixes);
  if (c.rng.chance(0.5)) return `${prefix}/hot/${c.rng.int(0, 199).toString(16).padStart(4, "0")}.json`;
  return `${prefix}/${c.day}/${c.rng.int(0, 1 << 17).toString(16).padStart(5, "0")}-${c.rng.hex(2)}.json.gz`;
}

const s3 = (operation: "GetObject" | "PutObject" | "HeadObject" | "DeleteObject"): Generate => (c) => ({
  caller: s3App(c),
  call: s3ObjectCall(c.rng, operation, ACCOUNT, c.region, bucketOf(c), objectKey(c), c.rng.int(200, 4_000_000), keyArnOf(c)),
});

const dynamo = (operation: "GetItem" | "PutItem" | "UpdateItem" | "Query"): Generate => (c) => ({
  caller: app(c, "dynamodb"),
  call: dynamoDbCall(ACCOUNT, c.region, c.task.service.name, operation, ["pk", "sk"], operation === "Query" && c.rng.chance(0.5) ? "by-customer" : undefined),
});

const queue = (operation: "SendMessage" | "ReceiveMessage" | "DeleteMessage"): Generate => (c) => ({
  caller: app(c, "sqs"),
  call: sqsCall(c.rng, ACCOUNT, c.region, `${c.task.service.name}-events`, operation),
});

/** Weighted mix, in percent of all events. */
const MIX: readonly (readonly [number, Generate])[] = [
  [27, s3("GetObject")],
  [12, s3("PutObject")],
  [8, s3("HeadObject")],
  [2, (c) => ({ caller: s3App(c), call: s3ListObjectsV2(c.rng, ACCOUNT, c.region, bucketOf(c), `${c.rng.pick(c.task.service.prefixes)}/${c.day}/`) })],
  [6, dynamo("GetItem")],
  [3, dynamo("PutItem")],
  [2, dynamo("UpdateItem")],
  [3, dynamo("Query")],
  [3, queue("SendMessage")],
  [3, queue("ReceiveMessage")],
  [2, queue("DeleteMessage")],
  [4, (c) => ({ caller: serviceCaller(c.task.taskRole, "s3.amazonaws.com"), call: kmsCall(c.region, "Decrypt", keyArnOf(c), { "aws:s3:arn": `arn:aws:s3:::${bucketOf(c)}/${objectKey(c)}` }) })],
  [2, (c) => ({ caller: serviceCaller(c.task.taskRole, "s3.amazonaws.com"), call: kmsCall(c.region, "GenerateDataKey", keyArnOf(c), { "aws:s3:arn": `arn:aws:s3:::${bucketOf(c)}/${objectKey(c)}` }) })],
  [1.5, (c) => ({ caller: app(c, "secrets-manager"), call: getSecretValue(c.region, `prod/${c.task.service.name}/api-key`, "AWSCURRENT") })],
  [0.5, (c) => ({ caller: serviceCaller(c.task.taskRole, "secretsmanager.amazonaws.com"), call: kmsCall(c.region, "Decrypt", keyArnOf(c), { SecretARN: `arn:aws:secretsmanager:${c.region}:${ACCOUNT}:secret:prod/${c.task.service.name}/api-key-AbCdEf`, SecretVersionId: c.rng.uuid() }) })],
  [1.5, (c) => ({ caller: app(c, "ssm"), call: ssmCall(c.region, "GetParametersByPath", `/${c.task.service.name}/prod/`) })],
  [1.5, (c) => ({ caller: app(c, "sns"), call: snsPublish(c.rng, ACCOUNT, c.region, `${c.task.service.name}-notifications`) })],
  [0.5, (c) => ({ caller: app(c, "sts"), call: getCallerIdentity(c.region) })],
  // Execution role: awslogs driver and image pulls. (Trails do not record PutLogEvents; it is here
  // for volume and per-task stream cardinality.)
  [6.5, (c) => ({ caller: serviceCaller(c.task.executionRole, "ecs-tasks.amazonaws.com"), call: logsCall(c.region, "PutLogEvents", `/ecs/${c.task.service.name}`, `ecs/${c.task.service.name}/${c.task.id}`) })],
  [0.3, (c) => ({ caller: serviceCaller(c.task.executionRole, "ecs-tasks.amazonaws.com"), call: logsCall(c.region, "CreateLogStream", `/ecs/${c.task.service.name}`, `ecs/${c.task.service.name}/${c.task.id}`) })],
  [0.9, (c) => ({ caller: serviceCaller(c.task.executionRole, "ecs-tasks.amazonaws.com"), call: ecrCall(c.rng, ACCOUNT, c.region, c.task.service.name, c.rng.pick(["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer"] as const), "v1.0.0") })],
  [0.3, (c) => ({ caller: serviceCaller(c.task.executionRole, "ecs-tasks.amazonaws.com"), call: getSecretValue(c.region, `arn:aws:secretsmanager:${c.region}:${ACCOUNT}:secret:prod/${c.task.service.name}/db-password-Qw3rTy`) })],
  // Denied calls the roles were never granted.
  [0.7, (c) => ({ caller: s3App(c), call: s3ObjectCall(c.rng, "DeleteObject", ACCOUNT, c.region, bucketOf(c), objectKey(c), 0), denied: "AccessDenied" })],
  [0.3, (c) => ({ caller: app(c, "dynamodb"), call: dynamoDbCall(ACCOUNT, c.region, c.task.service.name, "Scan", []), denied: `arn:aws:dynamodb:${c.region}:${ACCOUNT}:table/${c.task.service.name}` })],
];
const TOTAL_WEIGHT = MIX.reduce((sum, [w]) => sum + w, 0);

function pickGenerator(rng: SeededRandom): Generate {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const [weight, generate] of MIX) if ((r -= weight) < 0) return generate;
  return (MIX[0] as readonly [number, Generate])[1];
}

/** A deploy user's UpdateService: responseElements carries the service with its last 100 events. */
function deployRecord(rng: SeededRandom, region: string, eventTime: string): JsonObject {
  const service = rng.pick(fleet).name;
  const caller: Caller = {
    userIdentity: { type: "IAMUser", principalId: "AIDAQRSTUVWXYZ2345678", arn: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`, accountId: ACCOUNT, accessKeyId: "AKIAQRSTUVWXYZ234567", userName: "deploy-bot" },
    sourceIPAddress: "192.0.2.117",
    userAgent: "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/GitHub_Actions",
    viaService: false,
  };
  const events = Array.from({ length: 100 }, () => ({
    id: rng.uuid(),
    createdAt: eventTime,
    message: `(service ${service}-service) has started 1 tasks: (task ${rng.hex(32)}). (deployment ecs-svc/${rng.int(1e15, 9e15)})`,
  }));
  return cloudTrailRecord(rng, caller, eventTime, region, ACCOUNT, {
    eventSource: "ecs.amazonaws.com",
    eventName: "UpdateService",
    requestParameters: { cluster: "prod", service: `${service}-service`, forceNewDeployment: true },
    responseElements: {
      service: {
        serviceArn: `arn:aws:ecs:${region}:${ACCOUNT}:service/prod/${service}-service`,
        serviceName: `${service}-service`,
        status: "ACTIVE",
        desiredCount: 3,
        runningCount: 3,
        taskDefinition: `arn:aws:ecs:${region}:${ACCOUNT}:task-definition/${service}-service:${rng.int(10, 99)}`,
        events,
      },
    },
    readOnly: false,
    data: false,
    host: `ecs.${region}.amazonaws.com`,
  });
}

export interface SynthesizedFile {
  readonly path: string; // relative to the dataset root
  readonly records: readonly string[]; // serialized records
}

/** File `index` of `fileCount`: one region, events from the five minutes before its delivery. */
export function synthesizeFile(index: number, fileCount: number, eventCount: number): SynthesizedFile {
  const rng = new SeededRandom(seedFrom(`file ${index}`));
  const deliveredAt = START + Math.floor((index * DAYS * 86_400_000) / fileCount) + 5 * 60_000;
  const region = rng.chance(0.75) ? REGIONS[0] : REGIONS[1];
  const dayIndex = Math.min(DAYS - 1, Math.floor((deliveredAt - START) / 86_400_000));
  const day = new Date(deliveredAt).toISOString().slice(0, 10).replaceAll("-", "/");
  const tasks = new Map<string, Task>();
  const records: string[] = [];
  for (let i = 0; i < eventCount; i++) {
    const eventTime = new Date(deliveredAt - rng.int(60, 360) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    if (rng.chance(0.0008)) {
      records.push(JSON.stringify(deployRecord(rng, region, eventTime)));
      continue;
    }
    // A few services carry most of the traffic, as in any fleet.
    const service = fleet[Math.floor(rng.next() ** 2 * fleet.length)] as Service;
    const slot = rng.int(0, TASKS_PER_SERVICE_DAY - 1);
    const taskKey = `${service.name} ${slot}`;
    let t = tasks.get(taskKey);
    if (t === undefined) tasks.set(taskKey, (t = task(service, region, dayIndex, slot)));
    const context: Context = { rng, task: t, region, day };
    const { caller, call, denied } = pickGenerator(rng)(context);
    const failure =
      denied === undefined
        ? undefined
        : denied === "AccessDenied"
          ? { errorCode: "AccessDenied", errorMessage: "Access Denied" }
          : { errorCode: "AccessDeniedException", errorMessage: notAuthorized(assumedRoleArn(t.taskRole), `dynamodb:${call.eventName}`, denied) };
    records.push(JSON.stringify(cloudTrailRecord(rng, caller, eventTime, region, ACCOUNT, call, failure)));
  }
  return { path: deliveryPath(ACCOUNT, region, new Date(deliveredAt), rng.base62(16)), records };
}
