// Writes examples/cloudtrail: four days of CloudTrail for a two-service ECS fleet, in the layout
// CloudTrail delivers to S3. Deterministic (seeded PRNG, fixed clock, Node zlib), so the committed
// tree changes only when this script does.
//   npm run build && node dist/examples/make-cloudtrail.js [--out DIR]   (default: examples/cloudtrail)

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
  dynamoDbCall,
  ecrCall,
  ecsAssumesTaskRole,
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
} from "./cloudtrail-records.js";
import { deliveryBody, deliveryPath, writeDeliveryFile } from "./s3-delivery.js";
import { SeededRandom } from "./seeded-random.js";

const DEFAULT_OUT_DIR = fileURLToPath(new URL("../../examples/cloudtrail/", import.meta.url)); // dist/examples -> examples
const ACCOUNT = "111122223333";
const US = "us-east-1";
const EU = "eu-west-1";
const DAYS = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"];
const DELIVERY_WINDOW_MS = 5 * 60_000; // CloudTrail delivers about every five minutes per region

const RECEIPTS_BUCKET = "acme-payments-receipts";
const PAYMENTS_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/0f3c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90`;
const EVENTS_QUEUE_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/7d2e9f40-3a6b-4e1c-8f5d-2b9a0c4e6d13`;
const SECRETS_KEY = `arn:aws:kms:${US}:${ACCOUNT}:key/c81a4f0e-95d2-4b7a-b3e6-0d4f2a9c7e51`;
const STRIPE_SECRET_NAME = "prod/payments/stripe-api-key";
const STRIPE_SECRET_ARN = `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:${STRIPE_SECRET_NAME}-AbCdEf`;
const DB_SECRET_ARN = `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:prod/payments/db-password-Qw3rTy`;
const SMTP_SECRET_ARN = `arn:aws:secretsmanager:${US}:${ACCOUNT}:secret:prod/notifications/smtp-password-Zx9Kp2`;
const NAT_IP = "198.51.100.23"; // the VPC's NAT gateway; S3 goes through a gateway endpoint instead
const S3_ENDPOINT = "vpce-0a1b2c3d4e5f60718";

const rng = new SeededRandom(20261102);
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

function session(roleName: string, rolePath: string, sessionName: string, at: number): RoleSession {
  let roleId = roleIds.get(roleName);
  if (roleId === undefined) roleIds.set(roleName, (roleId = rng.awsId("AROA")));
  return { account: ACCOUNT, roleName, rolePath, roleId, sessionName, accessKeyId: rng.awsId("ASIA"), creationDate: iso(at) };
}

function nodeSdk(api: string): string {
  return `aws-sdk-js/3.693.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.1 api/${api}#3.693.0 m/E`;
}

function goSdk(api: string): string {
  return `aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/${api}#1.36.4 m/E`;
}

// -----------------------------------------------------------------------------------------------
// A service's task start: ECS assumes the task role, then Fargate uses the execution role to pull
// the image, create the log stream and fetch the secrets injected into the container.

interface Task {
  readonly id: string;
  readonly privateIp: string;
  readonly taskRole: RoleSession;
  readonly executionRole: RoleSession;
}

function startTask(service: "payments" | "notifications", at: number): Task {
  const id = rng.hex(32);
  const task: Task = {
    id,
    privateIp: `10.0.${rng.int(16, 47)}.${rng.int(10, 250)}`,
    taskRole: session(`${service}-service-task`, "/ecs/", id, at),
    executionRole: session(`${service}-service-execution`, "/ecs/", id, at),
  };
  timeline.push({ at, region: US, record: ecsAssumesTaskRole(rng, task.taskRole, iso(at), US) });

  const fargate = serviceCaller(task.executionRole, "ecs-tasks.amazonaws.com");
  const repository = `${service}-service`;
  const tag = service === "payments" ? "v1.42.0" : "v3.7.2";
  let t = at + 2_000;
  emit(t, US, fargate, ecrCall(rng, ACCOUNT, US, repository, "GetAuthorizationToken", tag));
  emit((t += 400), US, fargate, ecrCall(rng, ACCOUNT, US, repository, "BatchGetImage", tag));
  for (let layer = 0; layer < 3; layer++) emit((t += 300), US, fargate, ecrCall(rng, ACCOUNT, US, repository, "GetDownloadUrlForLayer", tag));
  if (service === "payments") emit((t += 200), US, fargate, ecrCall(rng, ACCOUNT, US, repository, "BatchCheckLayerAvailability", tag));
  emit((t += 9_000), US, fargate, logsCall(US, "CreateLogStream", `/ecs/${service}-service`, `ecs/${service}/${id}`));

  // Container secrets: Secrets Manager (by ARN, as valueFrom requires) and SSM parameters.
  const secretsManager = serviceCaller(task.executionRole, "secretsmanager.amazonaws.com");
  const secretArn = service === "payments" ? DB_SECRET_ARN : SMTP_SECRET_ARN;
  emit((t += 500), US, fargate, getSecretValue(US, secretArn));
  emit((t += 40), US, secretsManager, kmsCall(US, "Decrypt", SECRETS_KEY, { SecretARN: secretArn, SecretVersionId: rng.uuid() }));
  if (service === "notifications") {
    const names = ["smtp-host", "smtp-user"].map((n) => `arn:aws:ssm:${US}:${ACCOUNT}:parameter/notifications/prod/${n}`);
    emit((t += 300), US, fargate, ssmCall(US, "GetParameters", names));
    emit((t += 30), US, serviceCaller(task.executionRole, "ssm.amazonaws.com"), kmsCall(US, "Decrypt", SECRETS_KEY, { PARAMETER_ARN: names[1] ?? "" }));
  }
  return task;
}

// -----------------------------------------------------------------------------------------------
// payments-service: a Node.js service writing receipts to S3, payments to DynamoDB, events to SQS.

const receiptKeys: string[] = [];

function paymentsStartup(task: Task, at: number, day: number): void {
  const app = (api: string) => taskCaller(task.taskRole, NAT_IP, nodeSdk(api));
  const s3 = taskCaller(task.taskRole, task.privateIp, nodeSdk("s3"), S3_ENDPOINT);
  const viaS3 = serviceCaller(task.taskRole, "s3.amazonaws.com");
  let t = at + 25_000;
  emit(t, US, app("sts"), getCallerIdentity(US));
  // The SDK's secret cache asks by name; one deploy pinned the full ARN instead.
  const secretId = day === 2 ? STRIPE_SECRET_ARN : STRIPE_SECRET_NAME;
  emit((t += 800), US, app("secrets-manager"), getSecretValue(US, secretId, "AWSCURRENT"));
  emit((t += 40), US, serviceCaller(task.taskRole, "secretsmanager.amazonaws.com"), kmsCall(US, "Decrypt", SECRETS_KEY, { SecretARN: STRIPE_SECRET_ARN, SecretVersionId: "3f5e1c2a-8b7d-4e9f-a1c6-d2b3e4f5a6b7" }));
  emit((t += 600), US, s3, s3ObjectCall(rng, "GetObject", ACCOUNT, US, RECEIPTS_BUCKET, "config/settings.json", 1834, PAYMENTS_KEY));
  emit((t += 30), US, viaS3, kmsCall(US, "Decrypt", PAYMENTS_KEY, { "aws:s3:arn": `arn:aws:s3:::${RECEIPTS_BUCKET}/config/settings.json` }));
}

function paymentsBurst(task: Task, start: number, payments: number, day: number): number {
  const app = (api: string) => taskCaller(task.taskRole, NAT_IP, nodeSdk(api));
  const s3 = taskCaller(task.taskRole, task.privateIp, nodeSdk("s3"), S3_ENDPOINT);
  const viaS3 = serviceCaller(task.taskRole, "s3.amazonaws.com");
  const ddb = app("dynamodb");
  let t = start;
  for (let p = 0; p < payments; p++) {
    t += rng.int(20_000, 150_000);
    const receipt = `receipts/2026/11/${rng.hex(8)}-${rng.hex(4)}.pdf`;
    emit(t, US, ddb, dynamoDbCall(ACCOUNT, US, "payments", "GetItem", ["paymentId"]));
    if (rng.chance(0.5)) emit((t += 35), US, ddb, dynamoDbCall(ACCOUNT, US, "payments", "Query", ["paymentId"], "by-customer"));
    emit((t += 60), US, ddb, dynamoDbCall(ACCOUNT, US, "payments", "PutItem", ["paymentId"]));
    emit((t += 900), US, s3, s3ObjectCall(rng, "PutObject", ACCOUNT, US, RECEIPTS_BUCKET, receipt, rng.int(30_000, 90_000), PAYMENTS_KEY));
    emit((t += 20), US, viaS3, kmsCall(US, "GenerateDataKey", PAYMENTS_KEY, { "aws:s3:arn": `arn:aws:s3:::${RECEIPTS_BUCKET}/${receipt}` }));
    receiptKeys.push(receipt);
    emit((t += 150), US, app("sqs"), sqsCall(rng, ACCOUNT, US, "payments-events", "SendMessage"));
    if (p === 0) emit((t += 15), US, serviceCaller(task.taskRole, "sqs.amazonaws.com"), kmsCall(US, "GenerateDataKey", EVENTS_QUEUE_KEY, { "aws:sqs:arn": `arn:aws:sqs:${US}:${ACCOUNT}:payments-events` }));
    emit((t += 200), US, ddb, dynamoDbCall(ACCOUNT, US, "payments", "UpdateItem", ["paymentId"]));
    if (rng.chance(0.35) && receiptKeys.length > 3) {
      // A customer downloads an older receipt: HEAD for the size, then GET.
      const old = rng.pick(receiptKeys);
      emit((t += rng.int(5_000, 40_000)), US, s3, s3ObjectCall(rng, "HeadObject", ACCOUNT, US, RECEIPTS_BUCKET, old, 0, PAYMENTS_KEY));
      emit((t += 40), US, s3, s3ObjectCall(rng, "GetObject", ACCOUNT, US, RECEIPTS_BUCKET, old, rng.int(30_000, 90_000), PAYMENTS_KEY));
      emit((t += 20), US, viaS3, kmsCall(US, "Decrypt", PAYMENTS_KEY, { "aws:s3:arn": `arn:aws:s3:::${RECEIPTS_BUCKET}/${old}` }));
    }
  }
  // Nightly-ish reconciliation lists the month's receipts.
  if (day % 2 === 0) emit((t += 3_000), US, s3, s3ListObjectsV2(rng, ACCOUNT, US, RECEIPTS_BUCKET, "receipts/2026/11/"));
  return t;
}

/** Calls the task role was never granted: a cleanup job's DeleteObject and an ad-hoc Scan. */
function paymentsDenied(task: Task, at: number): void {
  const s3 = taskCaller(task.taskRole, task.privateIp, nodeSdk("s3"), S3_ENDPOINT);
  const caller = assumedRoleArn(task.taskRole);
  for (const [i, key] of [`receipts/2026/11/${rng.hex(8)}-${rng.hex(4)}.pdf`, `receipts/2026/11/${rng.hex(8)}-${rng.hex(4)}.pdf`].entries()) {
    emit(at + i * 1_200, US, s3, s3ObjectCall(rng, "DeleteObject", ACCOUNT, US, RECEIPTS_BUCKET, key, 0), { errorCode: "AccessDenied", errorMessage: "Access Denied" });
  }
  const table = `arn:aws:dynamodb:${US}:${ACCOUNT}:table/payments`;
  emit(at + 5_000, US, taskCaller(task.taskRole, NAT_IP, nodeSdk("dynamodb")), dynamoDbCall(ACCOUNT, US, "payments", "Scan", []), {
    errorCode: "AccessDeniedException",
    errorMessage: notAuthorized(caller, "dynamodb:Scan", table),
  });
}

// -----------------------------------------------------------------------------------------------
// notifications-service: a Go worker that drains payments-events and publishes to SNS, in the US
// and, for EU customers, to a topic in eu-west-1.

function notificationsStartup(task: Task, at: number): void {
  const app = (api: string) => taskCaller(task.taskRole, NAT_IP, goSdk(api));
  const viaSsm = serviceCaller(task.taskRole, "ssm.amazonaws.com");
  const parameterArn = (name: string) => `arn:aws:ssm:${US}:${ACCOUNT}:parameter${name}`;
  let t = at + 18_000;
  emit(t, US, app("ssm"), ssmCall(US, "GetParametersByPath", "/notifications/prod/"));
  emit((t += 30), US, viaSsm, kmsCall(US, "Decrypt", SECRETS_KEY, { PARAMETER_ARN: parameterArn("/notifications/prod/webhook-signing-key") }));
  emit((t += 400), US, app("ssm"), ssmCall(US, "GetParameter", "/notifications/prod/sender-address"));
  const templates = ["/notifications/prod/templates/receipt", "/notifications/prod/templates/refund"];
  emit((t += 300), US, app("ssm"), ssmCall(US, "GetParameters", templates));
  emit((t += 30), US, viaSsm, kmsCall(US, "Decrypt", SECRETS_KEY, { PARAMETER_ARN: parameterArn(templates[0] ?? "") }));
}

function notificationsBurst(task: Task, start: number, messages: number): void {
  const app = (api: string) => taskCaller(task.taskRole, NAT_IP, goSdk(api));
  let t = start + 1_000;
  emit(t, US, app("sqs"), sqsCall(rng, ACCOUNT, US, "payments-events", "GetQueueAttributes"));
  let decrypted = false;
  for (let m = 0; m < messages; m++) {
    t += rng.int(20_000, 150_000);
    emit(t, US, app("sqs"), sqsCall(rng, ACCOUNT, US, "payments-events", "ReceiveMessage"));
    if (!decrypted) {
      // SQS reuses the data key for five minutes, so KMS sees one Decrypt per burst.
      emit((t += 10), US, serviceCaller(task.taskRole, "sqs.amazonaws.com"), kmsCall(US, "Decrypt", EVENTS_QUEUE_KEY, { "aws:sqs:arn": `arn:aws:sqs:${US}:${ACCOUNT}:payments-events` }));
      decrypted = true;
    }
    const eu = rng.chance(0.25);
    emit((t += 120), eu ? EU : US, app("sns"), snsPublish(rng, ACCOUNT, eu ? EU : US, eu ? "customer-notifications-eu" : "customer-notifications"));
    emit((t += 80), US, app("sqs"), sqsCall(rng, ACCOUNT, US, "payments-events", "DeleteMessage"));
  }
}

// -----------------------------------------------------------------------------------------------
// Principals that are not ECS task roles: a CI user deploying, ECS's service-linked role, a record
// without userIdentity.type. The tool must list or skip them, never fold them into a task role.

function deployBot(at: number): void {
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
  const ecs = (eventName: string, requestParameters: JsonObject, responseElements: JsonObject | null, readOnly: boolean): ServiceCall => ({
    eventSource: "ecs.amazonaws.com",
    eventName,
    requestParameters,
    responseElements,
    readOnly,
    data: false,
    host: `ecs.${US}.amazonaws.com`,
  });
  const service = `arn:aws:ecs:${US}:${ACCOUNT}:service/prod/payments-service`;
  emit(at, US, bot, ecs("DescribeServices", { cluster: "prod", services: ["payments-service"] }, null, true));
  emit(at + 2_000, US, bot, ecs(
    "UpdateService",
    { cluster: "prod", service: "payments-service", taskDefinition: "payments-service:43", forceNewDeployment: false },
    {
      service: {
        serviceArn: service,
        serviceName: "payments-service",
        clusterArn: `arn:aws:ecs:${US}:${ACCOUNT}:cluster/prod`,
        status: "ACTIVE",
        desiredCount: 1,
        runningCount: 1,
        pendingCount: 0,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        taskDefinition: `arn:aws:ecs:${US}:${ACCOUNT}:task-definition/payments-service:43`,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d4e5f60718"], securityGroups: ["sg-0f1e2d3c4b5a69788"], assignPublicIp: "DISABLED" } },
        createdAt: "Sep 14, 2026, 9:02:11 AM",
        createdBy: `arn:aws:iam::${ACCOUNT}:role/terraform`,
      },
    },
    false,
  ));
  emit(at + 30_000, US, bot, ecs("DescribeServices", { cluster: "prod", services: ["payments-service"] }, null, true));
}

function serviceLinkedRole(task: Task, at: number): void {
  const ecsRole = session("AWSServiceRoleForECS", "/aws-service-role/ecs.amazonaws.com/", "ecs-service-scheduler", at - 3600_000);
  emit(at, US, serviceCaller(ecsRole, "ecs.amazonaws.com"), {
    eventSource: "elasticloadbalancing.amazonaws.com",
    eventName: "RegisterTargets",
    requestParameters: {
      targetGroupArn: `arn:aws:elasticloadbalancing:${US}:${ACCOUNT}:targetgroup/payments-service/6d0ecf831eec9f09`,
      targets: [{ id: task.privateIp, port: 8080 }],
    },
    responseElements: null,
    readOnly: false,
    data: false,
    host: `elasticloadbalancing.${US}.amazonaws.com`,
  });
}

/** Some service-originated records carry only accountId and invokedBy in userIdentity. */
function untypedIdentity(at: number): void {
  timeline.push({
    at,
    region: US,
    record: {
      eventVersion: "1.08",
      userIdentity: { accountId: ACCOUNT, invokedBy: "cloudtrail.amazonaws.com" },
      eventTime: iso(at),
      eventSource: "kms.amazonaws.com",
      eventName: "GenerateDataKey",
      awsRegion: US,
      sourceIPAddress: "cloudtrail.amazonaws.com",
      userAgent: "cloudtrail.amazonaws.com",
      requestParameters: {
        keyId: `arn:aws:kms:${US}:${ACCOUNT}:alias/cloudtrail-logs`,
        encryptionContext: { "aws:cloudtrail:arn": `arn:aws:cloudtrail:${US}:${ACCOUNT}:trail/org-trail` },
        keySpec: "AES_256",
      },
      responseElements: null,
      requestID: rng.uuid(),
      eventID: rng.uuid(),
      readOnly: true,
      resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: `arn:aws:kms:${US}:${ACCOUNT}:key/5b0c8e2d-1f4a-4d3b-9c7e-8a6f0b2d4c19` }],
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: "Management",
    },
  });
}

// -----------------------------------------------------------------------------------------------

function simulate(): void {
  DAYS.forEach((day, d) => {
    const midnight = Date.parse(`${day}T00:00:00Z`);
    const at = (h: number, m: number) => midnight + (h * 60 + m) * 60_000 + rng.int(0, 59) * 1000;
    // Each day's deploy replaces both services' tasks.
    const payments = startTask("payments", at(8, 2 + d));
    const notifications = startTask("notifications", at(8, 4 + d));
    if (d === 1) serviceLinkedRole(payments, at(8, 5));
    paymentsStartup(payments, at(8, 2 + d), d);
    notificationsStartup(notifications, at(8, 4 + d));
    for (const hour of [9, 13, 18]) {
      const start = at(hour, rng.int(0, 40));
      paymentsBurst(payments, start, 3, d);
      notificationsBurst(notifications, start + 4_000, 3);
    }
    if (d === 1) deployBot(at(7, 50));
    if (d === 2) paymentsDenied(payments, at(16, 20));
    if (d === 3) untypedIdentity(at(0, 0));
  });
}

/** Group by region and five-minute window; each group is one delivery file. */
function deliver(outDir: string): { files: number; events: number } {
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
  const names = new SeededRandom(7);
  for (const [key, events] of groups) {
    const [region = US, window = "0"] = key.split(" ");
    const deliveredAt = new Date(Number(window) + 2 * DELIVERY_WINDOW_MS);
    const path = deliveryPath(ACCOUNT, region, deliveredAt, names.base62(16));
    writeDeliveryFile(outDir, path, deliveryBody(events.map((e) => JSON.stringify(e.record))));
  }
  return { files: groups.size, events: timeline.length };
}

function summarize(): string {
  const byPrincipal = new Map<string, number>();
  for (const { record } of timeline) {
    const identity = record.userIdentity as { type?: string; arn?: string; invokedBy?: string; sessionContext?: { sessionIssuer?: { arn?: string } } };
    const principal = identity.sessionContext?.sessionIssuer?.arn ?? identity.arn ?? `(${identity.type ?? "no type"}: ${identity.invokedBy ?? "?"})`;
    byPrincipal.set(principal, (byPrincipal.get(principal) ?? 0) + 1);
  }
  return [...byPrincipal].sort().map(([p, n]) => `  ${String(n).padStart(4)}  ${p}`).join("\n");
}

const outFlag = process.argv.indexOf("--out");
const outArg = outFlag === -1 ? DEFAULT_OUT_DIR : process.argv[outFlag + 1];
if (outArg === undefined || outArg === "") throw new Error("--out needs a directory");
const outDir = resolve(outArg);
simulate();
const { files, events } = deliver(outDir);
console.log(`wrote ${events} events in ${files} files under ${outDir}\n${summarize()}`);
