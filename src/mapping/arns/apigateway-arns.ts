import { arnFormatPattern, escapeResourceName } from "../../iam/arn.js";
import { APIGATEWAY_ROUTES } from "../apigateway-routes.js";
import { stripVersionSuffix } from "../event-actions.js";
import { type ArnBuilder, type ArnContext, arns, missing, stringParameter } from "./arn-context.js";

/**
 * API Gateway resources are request paths, `arn:P:apigateway:REGION::/restapis/ID/resources`
 * (no account). The path is the route of the operation (apigateway-routes.ts) with the event's
 * requestParameters filled in; the ARN is checked against iam-data's formats of the action's
 * resource types. Source: API Gateway Developer Guide, "API Gateway Amazon Resource Name (ARN)
 * reference".
 */
export const apigatewayArns: ArnBuilder = (context) => {
  const operation = stripVersionSuffix(context.row.eventName);
  const route = APIGATEWAY_ROUTES[operation];
  if (route === undefined) {
    return missing(`API Gateway authorizes ${operation} on its request path, and APIGATEWAY_ROUTES has no route for it`);
  }
  const lacking = new Set<string>();
  for (const template of route.paths) {
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const absent = names.filter((name) => stringParameter(context.row, name) === undefined);
    if (absent.length > 0) {
      absent.forEach((name) => lacking.add(name));
      continue;
    }
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => escapeResourceName(pathSegment(name, stringParameter(context.row, name) as string)));
    const arn = `arn:${context.partition}:apigateway:${context.row.region}::${path}`;
    if (!fitsAction(context, arn)) return missing(`${arn} fits none of ${context.action.service}:${context.action.name}'s resource types in iam-data`);
    return arns([arn], `API Gateway route ${route.verb} ${template}`);
  }
  return missing(`the event lacks requestParameters.${[...lacking].join("/")} for the request path of ${operation}`);
};

/**
 * A tagged resource's ARN sits in the request path URL-encoded, and IAM authorizes that path
 * (iam-data's `tags` format: `/tags/${UrlEncodedResourceARN}`); a raw ARN there would never match.
 * Ids and names are path-safe as logged.
 */
function pathSegment(name: string, value: string): string {
  return name === "resourceArn" ? encodeURIComponent(value) : value;
}

function fitsAction(context: ArnContext, arn: string): boolean {
  return context.action.resourceTypes.some((type) => {
    const format = context.catalog.resourceArnFormat(context.action.service, type.name);
    return format !== undefined && arnFormatPattern(format).test(arn);
  });
}
