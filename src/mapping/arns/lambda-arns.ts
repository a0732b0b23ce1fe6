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
 * ARN, which the unqualified ARN does not cover, so the qualifier is kept; but a version number is
 * a new one with every publish, so `NAME:17` is granted as `NAME:*`, the form AWS uses for "any
 * version or alias". Source: Lambda Developer Guide, "Fine-tuning the Resources and Conditions
 * sections of policies" and "Lambda function versions".
 */
export const lambdaArns: ArnBuilder = (context) => {
  if (!supports(context.action, "function")) return resourcesNamedInEvent(context);
  const fn = stringParameter(context.row, "functionName");
  const result = firstOf(
    "the event names no function",
    [VIA_RESOURCES, namedResources(context, "function")],
    [viaParameter("functionName"), fn === undefined ? [] : [functionArnOf(context, fn)]],
  );
  if (!("arns" in result) || !result.arns.some((arn) => NUMBERED_VERSION.test(arn))) return result;
  return { arns: [...new Set(result.arns.map((arn) => arn.replace(NUMBERED_VERSION, ":*")))], via: `${result.via} (a numbered version: any version)` };
};

/** A published version's qualifier, `:17` at the end of a function ARN. */
const NUMBERED_VERSION = /(?<=:function:[^:]+):\d+$/;

function functionArnOf(context: ArnContext, fn: string): string {
  if (parseArn(fn) !== undefined) return fn;
  const partial = PARTIAL_FUNCTION_ARN.exec(fn);
  if (partial === null) return arnInEventAccount(context, "lambda", `function:${fn}`);
  const { row, partition } = context;
  return `arn:${partition}:lambda:${row.region}:${partial[1]}:function:${partial[2]}`;
}
