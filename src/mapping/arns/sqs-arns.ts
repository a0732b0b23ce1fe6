import type { UsageRow } from "../../engines/usage-row.js";
import { partitionOf } from "../../iam/partition.js";
import {
  type ArnBuilder,
  firstOf,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/**
 * Queue URL hosts: `sqs.REGION.amazonaws.com[.cn]`, the legacy `REGION.queue.amazonaws.com` and,
 * for us-east-1, `queue.amazonaws.com`. Source: SQS Developer Guide, "Queue and message identifiers".
 */
const QUEUE_URL = /^https?:\/\/(?:sqs\.([a-z0-9-]+)\.|([a-z0-9-]+)\.queue\.|(queue\.))amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/?#]+)\/?$/;

/** A queue URL `https://sqs.R.amazonaws.com/ACCOUNT/NAME` is the ARN `arn:P:sqs:R:ACCOUNT:NAME`. */
export function queueArnOfUrl(url: string): string | undefined {
  const match = QUEUE_URL.exec(url);
  if (match === null) return undefined;
  const [, sqsRegion, legacyRegion, legacyUsEast1, account, name] = match;
  const region = sqsRegion ?? legacyRegion ?? (legacyUsEast1 === undefined ? undefined : "us-east-1");
  if (region === undefined) return undefined;
  return `arn:${partitionOf(region)}:sqs:${region}:${account}:${name}`;
}

export const sqsArns: ArnBuilder = (context) => {
  if (!supports(context.action, "queue")) return resourcesNamedInEvent(context);
  const url = stringParameter(context.row, "queueUrl");
  const fromUrl = url === undefined ? undefined : queueArnOfUrl(url);
  const fromName = queueArnOfName(context.row, context.partition);
  const owner = stringParameter(context.row, "queueOwnerAWSAccountId");
  return firstOf(
    url === undefined ? "the event names no queue" : `cannot read queue URL ${url}`,
    [VIA_RESOURCES, namedResources(context, "queue")],
    [viaParameter("queueUrl"), fromUrl === undefined ? [] : [fromUrl]],
    [viaParameter(owner === undefined ? "queueName" : "queueName + queueOwnerAWSAccountId"), fromName === undefined ? [] : [fromName]],
  );
};

/** CreateQueue and GetQueueUrl name the queue, and its owner when it is another account. */
function queueArnOfName(row: UsageRow, partition: string): string | undefined {
  const name = stringParameter(row, "queueName");
  if (name === undefined) return undefined;
  const account = stringParameter(row, "queueOwnerAWSAccountId") ?? row.account;
  return `arn:${partition}:sqs:${row.region}:${account}:${name}`;
}
