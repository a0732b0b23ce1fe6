// CloudTrail record shapes, one builder per API call the examples and the benchmark use.
// Shapes follow the CloudTrail record contents reference and the per-service "understanding
// log file entries" pages: field order as CloudTrail writes it, data events (S3 objects,
// DynamoDB items, SQS messages, SNS Publish) with eventCategory "Data" and resources[],
// management events without resources[] except where the service adds them (KMS, ECR, STS).

import type { SeededRandom } from "./seeded-random.js";

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

/** An ECS task's credentials: one role session per task, named after the task id. */
export interface RoleSession {
  readonly account: string;
  readonly roleName: string;
  readonly rolePath: string; // "/ecs/"; kept in the issuer ARN, dropped from the assumed-role ARN
  readonly roleId: string; // AROA...
  readonly sessionName: string; // the ECS task id
  readonly accessKeyId: string; // ASIA...
  readonly creationDate: string;
}

/** Who made a call, as the fields outside requestParameters describe it. */
export interface Caller {
  readonly userIdentity: JsonObject;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  /** Calls an AWS service makes on the principal's behalf carry no TLS details. */
  readonly viaService: boolean;
  /** Set when the call came through a VPC endpoint (S3 gateway endpoints, interface endpoints). */
  readonly vpcEndpointId?: string;
}

/** The service-specific part of a record. */
export interface ServiceCall {
  readonly eventSource: string;
  readonly eventName: string;
  readonly requestParameters: Json;
  readonly responseElements: Json;
  readonly additionalEventData?: JsonObject;
  readonly readOnly: boolean;
  readonly data: boolean; // data event (eventCategory Data, managementEvent false)
  readonly resources?: readonly JsonObject[];
  readonly host: string; // tlsDetails.clientProvidedHostHeader
  readonly requestID?: string; // S3 ids are 16 hex characters; most services use a uuid
}

export interface Failure {
  readonly errorCode: string;
  readonly errorMessage: string;
}

export function roleArn(session: RoleSession): string {
  return `arn:aws:iam::${session.account}:role${session.rolePath}${session.roleName}`;
}

export function assumedRoleArn(session: RoleSession): string {
  return `arn:aws:sts::${session.account}:assumed-role/${session.roleName}/${session.sessionName}`;
}

export function assumedRoleIdentity(session: RoleSession, invokedBy?: string): JsonObject {
  const identity: Record<string, Json> = {
    type: "AssumedRole",
    principalId: `${session.roleId}:${session.sessionName}`,
    arn: assumedRoleArn(session),
    accountId: session.account,
    accessKeyId: session.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: session.roleId,
        arn: roleArn(session),
        accountId: session.account,
        userName: session.roleName,
      },
      attributes: { creationDate: session.creationDate, mfaAuthenticated: "false" },
    },
  };
  if (invokedBy !== undefined) identity.invokedBy = invokedBy;
  return identity;
}

/** A task calling AWS itself, through its SDK. */
export function taskCaller(session: RoleSession, sourceIPAddress: string, userAgent: string, vpcEndpointId?: string): Caller {
  return {
    userIdentity: assumedRoleIdentity(session),
    sourceIPAddress,
    userAgent,
    viaService: false,
    ...(vpcEndpointId === undefined ? {} : { vpcEndpointId }),
  };
}

/**
 * An AWS service calling on the session's behalf (forward access session): KMS from S3 for SSE-KMS,
 * KMS from Secrets Manager or SSM for decryption, ECR/Logs/Secrets from Fargate for the execution role.
 * CloudTrail sets invokedBy and puts the service name in sourceIPAddress and userAgent.
 */
export function serviceCaller(session: RoleSession, service: string): Caller {
  return { userIdentity: assumedRoleIdentity(session, service), sourceIPAddress: service, userAgent: service, viaService: true };
}

/** One CloudTrail record, keys in the order CloudTrail writes them. */
export function cloudTrailRecord(
  rng: SeededRandom,
  caller: Caller,
  eventTime: string,
  region: string,
  recipientAccountId: string,
  call: ServiceCall,
  failure?: Failure,
): JsonObject {
  const record: Record<string, Json> = {
    eventVersion: call.data ? "1.09" : "1.08",
    userIdentity: caller.userIdentity,
    eventTime,
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: region,
    sourceIPAddress: caller.sourceIPAddress,
    userAgent: call.eventSource === "s3.amazonaws.com" && !caller.viaService ? `[${caller.userAgent}]` : caller.userAgent,
  };
  if (failure !== undefined) {
    record.errorCode = failure.errorCode;
    record.errorMessage = failure.errorMessage;
  }
  record.requestParameters = call.requestParameters;
  record.responseElements = failure === undefined ? call.responseElements : null;
  if (call.additionalEventData !== undefined) record.additionalEventData = call.additionalEventData;
  record.requestID = call.requestID ?? rng.uuid();
  record.eventID = rng.uuid();
  record.readOnly = call.readOnly;
  if (call.resources !== undefined) record.resources = call.resources;
  record.eventType = "AwsApiCall";
  record.managementEvent = !call.data;
  record.recipientAccountId = recipientAccountId;
  if (caller.vpcEndpointId !== undefined) {
    record.vpcEndpointId = caller.vpcEndpointId;
    record.vpcEndpointAccountId = recipientAccountId;
  }
  record.eventCategory = call.data ? "Data" : "Management";
  if (!caller.viaService) {
    record.tlsDetails = { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: call.host };
  }
  return record;
}

/** The message IAM writes for an implicit deny, as current services return it. */
export function notAuthorized(callerArn: string, action: string, resource: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

// ---------------------------------------------------------------------------------------------
// S3 data events. requestParameters carry bucketName, Host and key; resources list the object
// (no accountId) and the bucket (with accountId). ListObjectsV2 is recorded as eventName
// "ListObjects" with "list-type": "2" in requestParameters.

export type S3ObjectOperation = "GetObject" | "PutObject" | "HeadObject" | "DeleteObject";

export function s3ObjectCall(
  rng: SeededRandom,
  operation: S3ObjectOperation,
  account: string,
  region: string,
  bucket: string,
  key: string,
  bytes: number,
  kmsKeyArn?: string,
): ServiceCall {
  const host = `${bucket}.s3.${region}.amazonaws.com`;
  const sse: JsonObject =
    kmsKeyArn === undefined
      ? { "x-amz-server-side-encryption": "AES256" }
      : { "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn };
  const written = operation === "PutObject";
  return {
    eventSource: "s3.amazonaws.com",
    eventName: operation,
    requestParameters: written
      ? { bucketName: bucket, Host: host, key, ...(kmsKeyArn === undefined ? {} : { "x-amz-server-side-encryption": "aws:kms" }) }
      : { bucketName: bucket, Host: host, key },
    responseElements: written ? sse : null,
    additionalEventData: s3AdditionalEventData(rng, written ? bytes : 0, operation === "GetObject" ? bytes : 0),
    readOnly: operation === "GetObject" || operation === "HeadObject",
    data: true,
    resources: [
      { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: account, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` },
    ],
    host,
    requestID: rng.s3RequestId(),
  };
}

export function s3ListObjectsV2(rng: SeededRandom, account: string, region: string, bucket: string, prefix: string): ServiceCall {
  const host = `${bucket}.s3.${region}.amazonaws.com`;
  return {
    eventSource: "s3.amazonaws.com",
    eventName: "ListObjects",
    requestParameters: { "list-type": "2", bucketName: bucket, "encoding-type": "url", prefix, Host: host },
    responseElements: null,
    additionalEventData: s3AdditionalEventData(rng, 0, 0),
    readOnly: true,
    data: true,
    resources: [{ accountId: account, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` }],
    host,
    requestID: rng.s3RequestId(),
  };
}

function s3AdditionalEventData(rng: SeededRandom, bytesIn: number, bytesOut: number): JsonObject {
  return {
    SignatureVersion: "SigV4",
    CipherSuite: "TLS_AES_128_GCM_SHA256",
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: "AuthHeader",
    "x-amz-id-2": rng.base64(75),
    bytesTransferredOut: bytesOut,
  };
}

// ---------------------------------------------------------------------------------------------
// DynamoDB data events: key and attribute values are replaced by HIDDEN_DUE_TO_SECURITY_REASONS;
// resources list the table only, even for a Query on an index.

const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

export type DynamoDbOperation = "GetItem" | "PutItem" | "UpdateItem" | "DeleteItem" | "Query" | "Scan";

export function dynamoDbCall(
  account: string,
  region: string,
  table: string,
  operation: DynamoDbOperation,
  keyNames: readonly string[],
  indexName?: string,
): ServiceCall {
  const key: Record<string, Json> = {};
  for (const name of keyNames) key[name] = HIDDEN;
  const requestParameters: Record<string, Json> = { tableName: table };
  switch (operation) {
    case "GetItem":
      Object.assign(requestParameters, { key, consistentRead: false, returnConsumedCapacity: "NONE" });
      break;
    case "PutItem":
      Object.assign(requestParameters, { key, conditionExpression: "attribute_not_exists(#pk)", expressionAttributeNames: { "#pk": keyNames[0] ?? "pk" } });
      break;
    case "UpdateItem":
      Object.assign(requestParameters, {
        key,
        updateExpression: "SET #s = :s, #u = :u",
        expressionAttributeNames: { "#s": "status", "#u": "updatedAt" },
        expressionAttributeValues: { ":s": HIDDEN, ":u": HIDDEN },
        returnValues: "NONE",
      });
      break;
    case "DeleteItem":
      Object.assign(requestParameters, { key });
      break;
    case "Query":
      if (indexName !== undefined) requestParameters.indexName = indexName;
      Object.assign(requestParameters, {
        keyConditionExpression: "#k = :k",
        expressionAttributeNames: { "#k": indexName === undefined ? (keyNames[0] ?? "pk") : "customerId" },
        expressionAttributeValues: { ":k": HIDDEN },
        limit: 25,
        scanIndexForward: false,
      });
      break;
    case "Scan":
      Object.assign(requestParameters, { limit: 100 });
      break;
  }
  return {
    eventSource: "dynamodb.amazonaws.com",
    eventName: operation,
    requestParameters,
    responseElements: null,
    readOnly: operation === "GetItem" || operation === "Query" || operation === "Scan",
    data: true,
    resources: [{ accountId: account, type: "AWS::DynamoDB::Table", ARN: `arn:aws:dynamodb:${region}:${account}:table/${table}` }],
    host: `dynamodb.${region}.amazonaws.com`,
  };
}

// ---------------------------------------------------------------------------------------------
// SQS and SNS: SendMessage, ReceiveMessage, DeleteMessage and SNS Publish are data events; message
// bodies are hidden. GetQueueAttributes is a management event.

export function queueUrl(account: string, region: string, queue: string): string {
  return `https://sqs.${region}.amazonaws.com/${account}/${queue}`;
}

export function sqsCall(
  rng: SeededRandom,
  account: string,
  region: string,
  queue: string,
  operation: "SendMessage" | "ReceiveMessage" | "DeleteMessage" | "GetQueueAttributes",
): ServiceCall {
  const url = queueUrl(account, region, queue);
  const resources = [{ accountId: account, type: "AWS::SQS::Queue", ARN: `arn:aws:sqs:${region}:${account}:${queue}` }];
  const base = { eventSource: "sqs.amazonaws.com", eventName: operation, host: `sqs.${region}.amazonaws.com` };
  switch (operation) {
    case "SendMessage":
      return {
        ...base,
        requestParameters: { queueUrl: url, messageBody: HIDDEN, messageAttributes: { eventType: { stringValue: HIDDEN, dataType: "String" } } },
        responseElements: { mD5OfMessageBody: rng.hex(32), mD5OfMessageAttributes: rng.hex(32), messageId: rng.uuid() },
        readOnly: false,
        data: true,
        resources,
      };
    case "ReceiveMessage":
      return {
        ...base,
        requestParameters: { queueUrl: url, maxNumberOfMessages: 10, waitTimeSeconds: 20, messageAttributeNames: ["All"] },
        responseElements: null,
        readOnly: true,
        data: true,
        resources,
      };
    case "DeleteMessage":
      return {
        ...base,
        requestParameters: { queueUrl: url, receiptHandle: `AQEB${rng.base62(120)}` },
        responseElements: null,
        readOnly: false,
        data: true,
        resources,
      };
    case "GetQueueAttributes":
      return {
        ...base,
        requestParameters: { queueUrl: url, attributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] },
        responseElements: null,
        readOnly: true,
        data: false,
      };
  }
}

export function snsPublish(rng: SeededRandom, account: string, region: string, topic: string): ServiceCall {
  const topicArn = `arn:aws:sns:${region}:${account}:${topic}`;
  return {
    eventSource: "sns.amazonaws.com",
    eventName: "Publish",
    requestParameters: { topicArn, message: HIDDEN, messageAttributes: HIDDEN },
    responseElements: { messageId: rng.uuid() },
    readOnly: false,
    data: true,
    resources: [{ accountId: account, type: "AWS::SNS::Topic", ARN: topicArn }],
    host: `sns.${region}.amazonaws.com`,
  };
}

// ---------------------------------------------------------------------------------------------
// Secrets Manager, SSM Parameter Store, KMS, STS: management events.

export function getSecretValue(region: string, secretId: string, versionStage?: string): ServiceCall {
  return {
    eventSource: "secretsmanager.amazonaws.com",
    eventName: "GetSecretValue",
    requestParameters: versionStage === undefined ? { secretId } : { secretId, versionStage },
    responseElements: null,
    readOnly: true,
    data: false,
    host: `secretsmanager.${region}.amazonaws.com`,
  };
}

export function ssmCall(
  region: string,
  operation: "GetParameter" | "GetParameters" | "GetParametersByPath",
  nameOrPath: string | readonly string[],
): ServiceCall {
  const requestParameters: JsonObject =
    operation === "GetParameter"
      ? { name: nameOrPath as string, withDecryption: true }
      : operation === "GetParameters"
        ? { names: nameOrPath as readonly string[], withDecryption: true }
        : { path: nameOrPath as string, recursive: true, withDecryption: true };
  return {
    eventSource: "ssm.amazonaws.com",
    eventName: operation,
    requestParameters,
    responseElements: null,
    readOnly: true,
    data: false,
    host: `ssm.${region}.amazonaws.com`,
  };
}

/** KMS names the key in resources[]; Decrypt of a symmetric ciphertext has no keyId parameter. */
export function kmsCall(
  region: string,
  operation: "Decrypt" | "GenerateDataKey",
  keyArn: string,
  encryptionContext: JsonObject,
): ServiceCall {
  const account = keyArn.split(":")[4] ?? "";
  return {
    eventSource: "kms.amazonaws.com",
    eventName: operation,
    requestParameters:
      operation === "Decrypt"
        ? { encryptionContext, encryptionAlgorithm: "SYMMETRIC_DEFAULT" }
        : { keyId: keyArn, encryptionContext, keySpec: "AES_256" },
    responseElements: null,
    readOnly: true,
    data: false,
    resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: keyArn }],
    host: `kms.${region}.amazonaws.com`,
  };
}

export function getCallerIdentity(region: string): ServiceCall {
  return {
    eventSource: "sts.amazonaws.com",
    eventName: "GetCallerIdentity",
    requestParameters: null,
    responseElements: null,
    readOnly: true,
    data: false,
    host: `sts.${region}.amazonaws.com`,
  };
}

// ---------------------------------------------------------------------------------------------
// ECR image pulls and CloudWatch Logs, made with the task execution role.

export function ecrCall(
  rng: SeededRandom,
  account: string,
  region: string,
  repository: string,
  operation: "GetAuthorizationToken" | "BatchCheckLayerAvailability" | "GetDownloadUrlForLayer" | "BatchGetImage",
  imageTag: string,
): ServiceCall {
  const base = { eventSource: "ecr.amazonaws.com", eventName: operation, readOnly: true, data: false, host: `api.ecr.${region}.amazonaws.com` };
  const resources = [{ accountId: account, ARN: `arn:aws:ecr:${region}:${account}:repository/${repository}` }];
  switch (operation) {
    case "GetAuthorizationToken":
      return { ...base, requestParameters: { registryIds: [account] }, responseElements: null };
    case "BatchCheckLayerAvailability":
      return {
        ...base,
        requestParameters: { registryId: account, repositoryName: repository, layerDigests: [`sha256:${rng.hex(64)}`, `sha256:${rng.hex(64)}`] },
        responseElements: null,
        resources,
      };
    case "GetDownloadUrlForLayer":
      return {
        ...base,
        requestParameters: { registryId: account, repositoryName: repository, layerDigest: `sha256:${rng.hex(64)}` },
        responseElements: null,
        resources,
      };
    case "BatchGetImage":
      return {
        ...base,
        requestParameters: {
          registryId: account,
          repositoryName: repository,
          imageIds: [{ imageTag }],
          acceptedMediaTypes: [
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
          ],
        },
        responseElements: null,
        resources,
      };
  }
}

/** CreateLogStream is a management event. PutLogEvents is a data-plane call CloudTrail does not
 *  record for trails; only the benchmark, which wants volume, emits it. */
export function logsCall(region: string, operation: "CreateLogStream" | "PutLogEvents", logGroupName: string, logStreamName: string): ServiceCall {
  return {
    eventSource: "logs.amazonaws.com",
    eventName: operation,
    requestParameters: { logGroupName, logStreamName },
    responseElements: operation === "PutLogEvents" ? { nextSequenceToken: null } : null,
    readOnly: false,
    data: operation === "PutLogEvents",
    host: `logs.${region}.amazonaws.com`,
  };
}

// ---------------------------------------------------------------------------------------------
// Noise the tool must recognise and leave out of role policies.

/** ECS assumes the task role for each task: userIdentity.type AWSService, no principal of ours. */
export function ecsAssumesTaskRole(rng: SeededRandom, session: RoleSession, eventTime: string, region: string): JsonObject {
  const expiration = new Date(Date.parse(eventTime) + 6 * 3600_000).toUTCString().replace("GMT", "UTC");
  return {
    eventVersion: "1.08",
    userIdentity: { type: "AWSService", invokedBy: "ecs-tasks.amazonaws.com" },
    eventTime,
    eventSource: "sts.amazonaws.com",
    eventName: "AssumeRole",
    awsRegion: region,
    sourceIPAddress: "ecs-tasks.amazonaws.com",
    userAgent: "ecs-tasks.amazonaws.com",
    requestParameters: { roleArn: roleArn(session), roleSessionName: session.sessionName },
    responseElements: {
      credentials: { accessKeyId: session.accessKeyId, sessionToken: rng.base62(64), expiration },
      assumedRoleUser: { assumedRoleId: `${session.roleId}:${session.sessionName}`, arn: assumedRoleArn(session) },
    },
    requestID: rng.uuid(),
    eventID: rng.uuid(),
    readOnly: true,
    resources: [{ accountId: session.account, type: "AWS::IAM::Role", ARN: roleArn(session) }],
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: session.account,
    sharedEventID: rng.uuid(),
    eventCategory: "Management",
  };
}

// ---------------------------------------------------------------------------------------------
// Additions for examples/make-fleet.ts. Nothing above changes: examples/cloudtrail and the
// benchmark dataset stay byte-identical.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Dates inside responseElements are written the way the service's Java model prints them
 * ("Dec 1, 2026, 3:04:05 PM", UTC), not as ISO 8601. Built by hand so that no locale data can
 * change the committed bytes.
 */
export function responseDate(isoTime: string): string {
  const at = new Date(isoTime);
  const hour = at.getUTCHours();
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()}, ${twelve}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${hour < 12 ? "AM" : "PM"}`;
}

/** The execution ARN Step Functions returns for a run `name` of a standard state machine. */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

/**
 * Step Functions StartExecution and DescribeExecution are management events without resources[]:
 * the state machine is in requestParameters.stateMachineArn, the run in executionArn. The input is
 * a payload and is written hidden, as the other payloads in these examples are.
 */
export function startExecution(region: string, stateMachineArn: string, name: string, startedAt: string): ServiceCall {
  return {
    eventSource: "states.amazonaws.com",
    eventName: "StartExecution",
    requestParameters: { stateMachineArn, name, input: HIDDEN },
    responseElements: { executionArn: executionArn(stateMachineArn, name), startDate: responseDate(startedAt) },
    readOnly: false,
    data: false,
    host: `states.${region}.amazonaws.com`,
  };
}

export function describeExecution(region: string, executionArnValue: string): ServiceCall {
  return {
    eventSource: "states.amazonaws.com",
    eventName: "DescribeExecution",
    requestParameters: { executionArn: executionArnValue },
    responseElements: null,
    readOnly: true,
    data: false,
    host: `states.${region}.amazonaws.com`,
  };
}

/**
 * DynamoDB BatchWriteItem: IAM authorizes it as dynamodb:BatchWriteItem on each table named in
 * requestItems, which CloudTrail also lists in resources[]; item values are hidden like the keys
 * of single-item calls.
 */
export function dynamoDbBatchWriteItem(account: string, region: string, table: string, keyNames: readonly string[], items: number): ServiceCall {
  const item: Record<string, Json> = {};
  for (const name of keyNames) item[name] = HIDDEN;
  return {
    eventSource: "dynamodb.amazonaws.com",
    eventName: "BatchWriteItem",
    requestParameters: {
      requestItems: { [table]: Array.from({ length: items }, () => ({ putRequest: { item } })) },
      returnConsumedCapacity: "NONE",
      returnItemCollectionMetrics: "NONE",
    },
    responseElements: null,
    readOnly: false,
    data: true,
    resources: [{ accountId: account, type: "AWS::DynamoDB::Table", ARN: `arn:aws:dynamodb:${region}:${account}:table/${table}` }],
    host: `dynamodb.${region}.amazonaws.com`,
  };
}

/** ECS control-plane calls (DescribeServices, UpdateService): management events, no resources[]. */
export function ecsCall(region: string, eventName: string, requestParameters: JsonObject, responseElements: JsonObject | null, readOnly: boolean): ServiceCall {
  return { eventSource: "ecs.amazonaws.com", eventName, requestParameters, responseElements, readOnly, data: false, host: `ecs.${region}.amazonaws.com` };
}
