import type { UsageRow } from "../engines/usage-row.js";
import { parseArn } from "../iam/arn.js";
import { type IamAction, type IamCatalog, qualifiedName } from "../iam/catalog.js";
import { partitionOf } from "../iam/partition.js";
import { arnBuilderFor } from "./arn-builders.js";
import type { ArnResult } from "./arns/arn-context.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "./generalization.js";

/**
 * Actions whose resource types are all optional and that are authorized against "*" when the call
 * names none of them, as it does when CloudTrail records it. Source: CloudWatch User Guide,
 * "CloudWatch permissions reference": the metric APIs take no resource ARN; the optional
 * `dataset` type applies only to calls that name a dataset.
 */
export const WILDCARD_WHEN_UNNAMED: ReadonlySet<string> = new Set([
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  "cloudwatch:PutMetricData",
]);

export const VIA_NO_RESOURCE_TYPES = "no resource-level support (iam-data)";
export const VIA_WILDCARD_WHEN_UNNAMED = "optional resource types, none named: authorized against * (WILDCARD_WHEN_UNNAMED)";

/**
 * "prefix:Action" -> why the event cannot name the action's resources, where the reason is not
 * just a missing parameter: what a user reads next to the Unmapped row.
 */
export const RESOURCES_NOT_IN_EVENT: Readonly<Record<string, string>> = {
  "ec2:DetachNetworkInterface":
    "the request names only the attachment (attachmentId eni-attach-...), not the instance or network interface it joins; neither is in requestParameters or resources[]",
  "ec2:DisassociateRouteTable":
    "the request names only the association (associationId rtbassoc-...), not the route table or subnet it links; neither is in requestParameters or resources[]",
  "s3:GetStorageLensConfiguration":
    "CloudTrail logs GetStorageLensConfiguration with only its Host header: the configuration id is in the request path and not in the event",
};

/**
 * The resources one action of a call needs: "*" when IAM knows no resource type for the action
 * (resource-level permissions are not supported), else ARNs read from the event, or the reason
 * they cannot be read. Never "*" for an action that can name a resource.
 */
export function resourcesFor(
  action: IamAction,
  row: UsageRow,
  catalog: IamCatalog,
  generalization: Generalization = DEFAULT_GENERALIZATION,
): ArnResult {
  if (action.isWildcardOnly) return { arns: ["*"], via: VIA_NO_RESOURCE_TYPES };
  const result = onlyArns(arnBuilderFor(action.service)({ row, action, catalog, partition: partitionOf(row.region), generalization }));
  if (!("reason" in result)) return result;
  if (WILDCARD_WHEN_UNNAMED.has(qualifiedName(action))) return { arns: ["*"], via: VIA_WILDCARD_WHEN_UNNAMED };
  const why = RESOURCES_NOT_IN_EVENT[qualifiedName(action)];
  if (why !== undefined) return { reason: `${result.reason}: ${why}` };
  if (row.errorCode !== null && Object.keys(row.parameters).length === 0 && row.resources.length === 0) {
    return { reason: `${result.reason}: the call failed (${row.errorCode}) and CloudTrail logged it without request parameters` };
  }
  return result;
}

/**
 * IAM takes a Resource only as "*" or an ARN. A parameter meant to hold an ARN (roleArn, topicArn)
 * holds whatever the caller sent: a refused request, or a log written by hand, can carry any text
 * there, and a policy naming it would be one IAM rejects. Such a value names no resource.
 */
function onlyArns(result: ArnResult): ArnResult {
  if ("reason" in result) return result;
  const arns = result.arns.filter((arn) => arn === "*" || parseArn(arn) !== undefined);
  if (arns.length === result.arns.length) return result;
  return arns.length > 0 ? { ...result, arns } : { reason: `${result.via} holds no ARN` };
}
