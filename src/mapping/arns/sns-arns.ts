import {
  type ArnBuilder,
  arnInEventAccount,
  firstOf,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

// Topic names are letters, digits, "-" and "_", with ".fifo" for FIFO topics (SNS API Reference, CreateTopic).
const TOPIC_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[\w-]+(?:\.fifo)?$/;

/**
 * Topic calls name `topicArn`; Publish names `topicArn` or `targetArn` (a topic, or a mobile
 * endpoint, which is no topic: publishing to it or to a phone number is unmapped); CreateTopic
 * names the topic by `name`. Source: SNS API Reference.
 */
export const snsArns: ArnBuilder = (context) => {
  const { row, action } = context;
  if (!supports(action, "topic")) return resourcesNamedInEvent(context);
  const topics = (list: readonly (string | undefined)[]) => list.filter((a): a is string => a !== undefined && TOPIC_ARN.test(a));
  const name = stringParameter(row, "name");
  return firstOf(
    "the event names no topic",
    [VIA_RESOURCES, topics(namedResources(context, "topic"))],
    [viaParameter("topicArn"), topics([stringParameter(row, "topicArn")])],
    [viaParameter("targetArn"), topics([stringParameter(row, "targetArn")])],
    [viaParameter("name"), topics([name === undefined ? undefined : arnInEventAccount(context, "sns", name)])],
  );
};
