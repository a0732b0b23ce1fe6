import { parseArn } from "../../iam/arn.js";
import {
  type ArnBuilder,
  type ArnContext,
  arnInEventAccount,
  firstOf,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/** `ACCOUNT:function:NAME[:QUALIFIER]`, the partial ARN the Lambda API accepts as functionName. */
const PARTIAL_FUNCTION_ARN = /^(\d{12}):function:(.+)$/;

/**
 * `functionName` is a name, a partial ARN `ACCOUNT:function:NAME`, or a full ARN, each with an
 * optional `:qualifier` (version or alias). A qualified call is authorized against the qualified
 * ARN, which the unqualified ARN does not cover, so the qualifier is kept.
 * Source: Lambda Developer Guide, "Fine-tuning the Resources and Conditions sections of policies".
 */
export const lambdaArns: ArnBuilder = (context) => {
  if (!supports(context.action, "function")) return resourcesNamedInEvent(context);
  const fn = stringParameter(context.row, "functionName");
  return firstOf(
    "the event names no function",
    [VIA_RESOURCES, namedResources(context, "function")],
    [viaParameter("functionName"), fn === undefined ? [] : [functionArnOf(context, fn)]],
  );
};

function functionArnOf(context: ArnContext, fn: string): string {
  if (parseArn(fn) !== undefined) return fn;
  const partial = PARTIAL_FUNCTION_ARN.exec(fn);
  if (partial === null) return arnInEventAccount(context, "lambda", `function:${fn}`);
  const { row, partition } = context;
  return `arn:${partition}:lambda:${row.region}:${partial[1]}:function:${partial[2]}`;
}
