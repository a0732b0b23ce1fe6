import { actionMatches, rowsForActionService } from "../policy/action-pattern.js";

/** One kind of call a trail may or may not record, and the IAM actions it authorizes. */
interface DataEventType {
  /** CloudTrail's resource type for the data event selector, "AWS::S3::Object". */
  readonly resourceType: string;
  readonly eventSource: string;
  /** IAM action patterns the type's data events authorize. */
  readonly actions: readonly string[];
  /** eventNames that prove the trail records this type when seen from anyone. */
  readonly events: readonly string[];
}

/**
 * Data events: off by default on a trail, recorded only when its event selectors ask for them
 * (CloudTrail User Guide, "Logging data events"; S3 User Guide, "CloudTrail data events"). Whether
 * they are on is judged from the logs themselves: one such event from any principal shows that the
 * trail records the type (with advanced selectors it may record some resources only; the report
 * says "not seen" rather than "never recorded"). Mistakes here must fall on the safe side: an
 * action wrongly listed is only kept when unused, an action wrongly left out could be removed.
 */
const DATA_EVENT_TYPES: readonly DataEventType[] = [
  {
    resourceType: "AWS::S3::Object",
    eventSource: "s3.amazonaws.com",
    actions: ["s3:*Object*", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:RestoreObject"],
    events: ["GetObject", "PutObject", "HeadObject", "DeleteObject", "DeleteObjects", "CopyObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "GetObjectAcl", "GetObjectTagging", "PutObjectTagging"],
  },
  {
    resourceType: "AWS::DynamoDB::Table",
    eventSource: "dynamodb.amazonaws.com",
    actions: [
      "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:PartiQL*",
    ],
    events: ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "BatchGetItem", "BatchWriteItem", "Query", "Scan", "TransactGetItems", "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"],
  },
  {
    resourceType: "AWS::DynamoDB::Stream",
    eventSource: "dynamodb.amazonaws.com",
    actions: ["dynamodb:GetRecords", "dynamodb:GetShardIterator"],
    events: ["GetRecords", "GetShardIterator"],
  },
  { resourceType: "AWS::Lambda::Function", eventSource: "lambda.amazonaws.com", actions: ["lambda:InvokeFunction", "lambda:InvokeAsync"], events: ["Invoke", "InvokeAsync"] },
  { resourceType: "AWS::SNS::Topic", eventSource: "sns.amazonaws.com", actions: ["sns:Publish"], events: ["Publish", "PublishBatch"] },
  {
    resourceType: "AWS::SQS::Queue",
    eventSource: "sqs.amazonaws.com",
    actions: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"],
    events: ["SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch"],
  },
  {
    resourceType: "AWS::Kinesis::Stream",
    eventSource: "kinesis.amazonaws.com",
    actions: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:SubscribeToShard"],
    events: ["PutRecord", "PutRecords", "GetRecords", "GetShardIterator", "SubscribeToShard"],
  },
  {
    // EBS direct APIs: block reads and writes are data events; StartSnapshot/CompleteSnapshot are management events.
    // Source: CloudTrail User Guide, "Logging data events" (resource types table, AWS::EC2::Snapshot).
    resourceType: "AWS::EC2::Snapshot",
    eventSource: "ebs.amazonaws.com",
    actions: ["ebs:GetSnapshotBlock", "ebs:PutSnapshotBlock", "ebs:ListChangedBlocks", "ebs:ListSnapshotBlocks"],
    events: ["GetSnapshotBlock", "PutSnapshotBlock", "ListChangedBlocks", "ListSnapshotBlocks"],
  },
  {
    // AppConfig Data, how applications fetch their configuration. Source: CloudTrail User Guide,
    // "Logging data events" (resource types table, AWS::AppConfig::Configuration).
    resourceType: "AWS::AppConfig::Configuration",
    eventSource: "appconfig.amazonaws.com",
    actions: ["appconfig:GetLatestConfiguration", "appconfig:StartConfigurationSession"],
    events: ["GetLatestConfiguration", "StartConfigurationSession"],
  },
  {
    resourceType: "AWS::CloudWatch::Metric",
    eventSource: "monitoring.amazonaws.com",
    actions: ["cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics"],
    events: ["PutMetricData", "GetMetricData", "GetMetricStatistics", "ListMetrics"],
  },
];

/** A family of calls no trail setting records, and the AWS page that says so. */
interface NeverRecorded {
  /** IAM action patterns of the family. */
  readonly actions: readonly string[];
  /** Actions of the family that CloudTrail does record (kept out of the row). */
  readonly except?: readonly string[];
  readonly why: string;
  readonly source: string;
}

/**
 * Calls no trail setting records: data planes whose authorization IAM decides but whose requests
 * go to a service endpoint that does not report to CloudTrail. An ECS execution role's
 * `logs:PutLogEvents` is the case that matters most: without it the awslogs driver fails. One row
 * per family; a family not here is taken as logged (cognito-identity:GetId is: Cognito Developer
 * Guide, "Example Amazon Cognito events", "you can see GetId and UpdateIdentityPool events in the
 * same trail").
 */
export const NEVER_RECORDED: readonly NeverRecorded[] = [
  {
    actions: ["logs:PutLogEvents"],
    why: "CloudWatch Logs does not record PutLogEvents in CloudTrail",
    source: "CloudWatch Logs User Guide, 'Logging CloudWatch Logs API and console operations in AWS CloudTrail' (PutLogEvents is not among the logged actions)",
  },
  {
    actions: ["logs:GetLogEvents", "logs:FilterLogEvents"],
    why: "CloudWatch Logs records log reads only as data events, which trails rarely enable",
    source: "CloudWatch Logs User Guide, 'Logging CloudWatch Logs API and console operations in AWS CloudTrail'",
  },
  {
    actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
    why: "X-Ray does not record its data plane in CloudTrail",
    source: "X-Ray Developer Guide, 'Logging X-Ray API calls with AWS CloudTrail' (segments and telemetry are in neither the management nor the data event list; GetSamplingTargets only as an AWS::XRay::Trace data event)",
  },
  {
    actions: ["ssmmessages:*", "ec2messages:*"],
    why: "the Session Manager and Run Command agent channels are not recorded in CloudTrail",
    source: "Systems Manager User Guide, 'Logging AWS Systems Manager API calls with AWS CloudTrail' (the agent's message channels are not API calls it lists)",
  },
  {
    actions: ["execute-api:*"],
    why: "calls to a deployed API Gateway API (execute-api) are not recorded in CloudTrail, only the API Gateway service API is",
    source: "API Gateway Developer Guide, 'Logging calls to Amazon API Gateway APIs with AWS CloudTrail' (CloudTrail captures calls to the API Gateway service APIs; invocations are logged by access logging to CloudWatch Logs)",
  },
  {
    actions: ["rds-db:connect"],
    why: "IAM database authentication happens at the database, which logs it on the DB host, not in CloudTrail",
    source: "Amazon RDS User Guide, 'Troubleshooting for IAM DB authentication' (IAM DB authentication logs are stored on the database host, exported to CloudWatch Logs)",
  },
  {
    actions: ["es:ESHttp*"],
    why: "CloudTrail records only the OpenSearch Service configuration API, not requests to the domain (_search, _bulk)",
    source: "OpenSearch Service Developer Guide, 'Monitoring Amazon OpenSearch Service API calls with AWS CloudTrail' (CloudTrail only captures calls to the configuration API ... not calls to the OpenSearch APIs, such as _search and _bulk)",
  },
  {
    actions: ["kafka-cluster:*"],
    // The Apache Kafka actions MSK does record, with IAM access control.
    except: [
      "kafka-cluster:DescribeClusterDynamicConfiguration", "kafka-cluster:AlterClusterDynamicConfiguration", "kafka-cluster:CreateTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:AlterTopic", "kafka-cluster:AlterTopicDynamicConfiguration", "kafka-cluster:DeleteTopic",
    ],
    why: "Amazon MSK records only topic and configuration changes of the Apache Kafka actions; connecting, reading and writing data are not in CloudTrail",
    source: "Amazon MSK Developer Guide, 'Log API calls with AWS CloudTrail' (the Apache Kafka actions logged: Describe/AlterClusterDynamicConfiguration, CreateTopic, DescribeTopicDynamicConfiguration, AlterTopic, AlterTopicDynamicConfiguration, DeleteTopic)",
  },
  {
    actions: ["neptune-db:*"],
    why: "CloudTrail records only Neptune's management API, not queries to the graph",
    source: "Neptune User Guide, 'Logging Amazon Neptune API Calls with AWS CloudTrail' (CloudTrail only logs events for Neptune Management API calls; use audit logs for the graph)",
  },
  {
    actions: [
      "iot:Connect", "iot:Publish", "iot:Receive", "iot:Subscribe", "iot:RetainPublish", "iot:GetRetainedMessage", "iot:ListRetainedMessages",
      "iot:GetThingShadow", "iot:UpdateThingShadow", "iot:DeleteThingShadow", "iot:ListNamedShadowsForThing",
      // Control-plane reads: "calls such as ListThings and ListTopicRules do not [leave entries]".
      "iot:List*", "iot:Describe*", "iot:Get*",
    ],
    why: "AWS IoT does not record its data plane (device side: connect, publish, subscribe, shadows) or its read calls in CloudTrail",
    source: "AWS IoT Core Developer Guide, 'Logging AWS IoT API calls using AWS CloudTrail' (AWS IoT does not log data plane actions (device side) in CloudTrail; ListThings and ListTopicRules leave no entries)",
  },
];

/** Every (eventSource, eventName) the logs hold, from any principal. */
export interface ObservedCall {
  readonly eventSource: string;
  readonly eventName: string;
}

/** Which data event types the trail is seen to record: one event of a type from anyone is enough. */
export function recordedDataEventTypes(observed: readonly ObservedCall[]): ReadonlySet<string> {
  const seen = new Set(observed.map((call) => `${call.eventSource} ${call.eventName}`));
  return new Set(
    DATA_EVENT_TYPES.filter((type) => type.events.some((event) => seen.has(`${type.eventSource} ${event}`))).map((type) => type.resourceType),
  );
}

// Asked for every action a `*` policy grants: each looks at its own service's rows.
const neverRecordedRows = rowsForActionService(NEVER_RECORDED);
const dataEventRows = rowsForActionService(DATA_EVENT_TYPES);

/**
 * Why an unused grant of `action` proves nothing, or null when the trail would have shown a use:
 * CloudTrail never records it, or it is a data event of a type these logs do not hold.
 */
export function whyUnobservable(action: string, recorded: ReadonlySet<string>): string | null {
  const never = neverRecordedRows(action).find(
    (row) => row.actions.some((pattern) => actionMatches(pattern, action)) && !(row.except ?? []).some((pattern) => actionMatches(pattern, action)),
  );
  if (never !== undefined) return never.why;
  const type = dataEventRows(action).find((row) => row.actions.some((pattern) => actionMatches(pattern, action)));
  if (type !== undefined && !recorded.has(type.resourceType)) {
    return `a data event (${type.resourceType}); these logs hold none of that type, so the trail does not record them`;
  }
  return null;
}

/**
 * The data event types a principal's calls touch services of, but the trail does not record:
 * whatever it did with them (S3 objects next to its ListBucket calls) cannot be in the policy.
 */
export function unrecordedDataEventsFor(calls: readonly ObservedCall[], recorded: ReadonlySet<string>): string[] {
  const sources = new Set(calls.map((call) => call.eventSource));
  // A service with one of its data event types recorded is not worth a note for the others
  // (DynamoDB streams beside tables): the reader already sees that service's data events.
  const recordedSources = new Set(DATA_EVENT_TYPES.filter((type) => recorded.has(type.resourceType)).map((type) => type.eventSource));
  const missing = DATA_EVENT_TYPES.filter((type) => sources.has(type.eventSource) && !recordedSources.has(type.eventSource));
  return [...new Set(missing.map((type) => type.resourceType))].sort();
}
