import type { UsageRow } from "../engines/usage-row.js";
import { escapeResourceName } from "../iam/arn.js";

/**
 * The one door from log text to ARNs. Every value of a CloudTrail event is text someone else
 * controls: a request can carry a secret id, a table name or a role ARN with `*`, `?` or `${...}`
 * in it (a service may refuse the request, but the event records it). IAM reads those characters
 * in a Resource as wildcards and policy variables, so a name taken as it is could widen a policy.
 * The ARN builders therefore read a call only through this view of it, in which the region, the
 * account, every request parameter and every resources[] ARN have IAM's special characters escaped
 * (`${*}`, `${?}`, `${$}`, which match the literal character only): whatever a builder builds from
 * them names that text and nothing else. Object keys and log streams keep their text: the name
 * patterns escape what they keep of them (name-patterns.ts). Source: IAM User Guide, "IAM policy
 * elements: Variables and tags", Special characters.
 */
export function withNamesAsData(row: UsageRow): UsageRow {
  const parameters: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(row.parameters)) {
    parameters[name] = typeof value === "string" ? escapeResourceName(value) : value.map(escapeResourceName);
  }
  return {
    ...row,
    region: escapeResourceName(row.region),
    account: escapeResourceName(row.account),
    parameters,
    resources: row.resources.map((resource) => ({ ...resource, arn: escapeResourceName(resource.arn) })),
  };
}
