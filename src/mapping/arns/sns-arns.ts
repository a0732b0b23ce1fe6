import {
  type ArnBuilder,
  arns,
  arnInEventAccount,
  firstOf,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

const PHONE_NUMBER = "has:phoneNumber";
/**
 * An SMS sent straight to a phone number is no topic: IAM can only allow it on "*". Source: SNS
 * Developer Guide, "Publishing SMS messages": the policy that allows sending names Resource "*".
 */
export const VIA_SMS = "an SMS to a phone number (requestParameters.phoneNumber): IAM authorizes direct SMS only against * (required, not widened)";

// Topic names are letters, digits, "-" and "_", with ".fifo" for FIFO topics (SNS API Reference, CreateTopic).
const TOPIC_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[\w-]+(?:\.fifo)?$/;

/**
 * Topic calls name `topicArn`; Publish names `topicArn` or `targetArn` (a topic, or a mobile
 * endpoint, which is no topic: publishing to it is unmapped) or a `phoneNumber`; CreateTopic
 * names the topic by `name`. Source: SNS API Reference.
 */
export const snsArns: ArnBuilder = (context) => {
  const { row, action } = context;
  if (!supports(action, "topic")) return resourcesNamedInEvent(context);
  const topicNamed = ["topicArn", "targetArn"].some((name) => stringParameter(row, name) !== undefined);
  if (action.name === "Publish" && !topicNamed && row.parameters[PHONE_NUMBER] === "true") return arns(["*"], VIA_SMS);
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
