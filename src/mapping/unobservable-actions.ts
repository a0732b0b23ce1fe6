import { actionMatches } from "../policy/action-pattern.js";

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
    resourceType: "AWS::CloudWatch::Metric",
    eventSource: "monitoring.amazonaws.com",
    actions: ["cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics"],
    events: ["PutMetricData", "GetMetricData", "GetMetricStatistics", "ListMetrics"],
  },
];

/**
 * Calls no trail setting records: the data plane of CloudWatch Logs ingestion, X-Ray segments and
 * the Session Manager / Run Command agent channels. An ECS execution role's `logs:PutLogEvents` is
 * the case that matters: it is never in CloudTrail, and without it the awslogs driver fails.
 */
const NEVER_RECORDED: readonly { readonly actions: readonly string[]; readonly why: string }[] = [
  { actions: ["logs:PutLogEvents"], why: "CloudWatch Logs does not record PutLogEvents in CloudTrail" },
  { actions: ["logs:GetLogEvents", "logs:FilterLogEvents"], why: "CloudWatch Logs records log reads only as data events, which trails rarely enable" },
  { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], why: "X-Ray does not record its data plane in CloudTrail" },
  { actions: ["ssmmessages:*", "ec2messages:*"], why: "the Session Manager and Run Command agent channels are not recorded in CloudTrail" },
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

/**
 * Why an unused grant of `action` proves nothing, or null when the trail would have shown a use:
 * CloudTrail never records it, or it is a data event of a type these logs do not hold.
 */
export function whyUnobservable(action: string, recorded: ReadonlySet<string>): string | null {
  const never = NEVER_RECORDED.find((row) => row.actions.some((pattern) => actionMatches(pattern, action)));
  if (never !== undefined) return never.why;
  const type = DATA_EVENT_TYPES.find((row) => row.actions.some((pattern) => actionMatches(pattern, action)));
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
