import { parseArn } from "../../iam/arn.js";
import {
  type ArnBuilder,
  type ArnContext,
  arnInEventAccount,
  firstOf,
  namedResources,
  resourcesNamedInEvent,
  stringListParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/**
 * Parameters are named with or without a leading "/" (`/app/db-url`, `db-url`), and the ARN has
 * exactly one "/" after `parameter`: `parameter/app/db-url`, `parameter/db-url`. A name may end in
 * a version or label selector (`name:3`, `name:prod`), which is not part of the resource; shared
 * parameters are named by ARN, in their owner's account. GetParameters lists many `names`;
 * GetParametersByPath is authorized against the path itself. Source: Systems Manager User Guide,
 * "Restricting access to Parameter Store parameters using IAM policies".
 */
export const ssmArns: ArnBuilder = (context) => {
  if (!supports(context.action, "parameter")) return resourcesNamedInEvent(context);
  const parameterArns = (name: string) => stringListParameter(context.row, name).map((value) => parameterArnOf(context, value));
  return firstOf(
    "the event names no parameter",
    ...["name", "names", "path"].map((name) => [viaParameter(name), parameterArns(name)] as const),
    [VIA_RESOURCES, namedResources(context, "parameter")],
  );
};

function parameterArnOf(context: ArnContext, name: string): string {
  const arn = parseArn(name);
  if (arn !== undefined) return `arn:${arn.partition}:ssm:${arn.region}:${arn.account}:${withoutSelector(arn.resource)}`;
  return arnInEventAccount(context, "ssm", `parameter/${withoutSelector(name).replace(/^\//, "")}`);
}

/** Parameter names cannot contain ":", so a ":" starts a version or label selector. */
function withoutSelector(name: string): string {
  return name.split(":")[0] ?? name;
}
