import type { NameRule, PrefixRule } from "./name-patterns.js";

/**
 * Where tighten names a pattern instead of the exact resources a role touched: the few places
 * where yesterday's names do not predict tomorrow's. Each rule is applied in one place, the ARN
 * builder of its service; everything else is named exactly. Set by `tighten.config.json` and flags
 * (src/config).
 */
export interface Generalization {
  /**
   * S3 object keys, judged by what tomorrow's keys will look like (mapping/name-patterns.ts):
   * "shape" grants generated parts (UUIDs, dates, ids) as `*`, a date folder and what is below it
   * as `*`, and names read again and again exactly; "folder" grants each first path segment's
   * common folder; "exact" names every key (a replay of last week's keys, nothing more).
   */
  readonly s3ObjectKeys: NameRule;
  /**
   * Per bucket or key prefix, "BUCKET/PREFIX" -> the rule for the keys under it, overriding
   * s3ObjectKeys: "*" grants every key under the prefix (`"acme-uploads/uploads/": "*"`), the
   * others as for s3ObjectKeys. The longest matching prefix wins.
   */
  readonly s3Prefixes: Readonly<Record<string, PrefixRule>>;
  /**
   * DynamoDB indexes: "any-index" grants a Query/Scan on an index as `table/T/index/*` (every
   * index of the table, today's and tomorrow's, which only expose the table's own items);
   * "exact" names `table/T/index/I`.
   */
  readonly dynamodbIndexes: "any-index" | "exact";
  /**
   * Secrets Manager: a secret's ARN ends in "-" and six random characters that change when the
   * secret is deleted and created again. "any-suffix" names every secret as `secret:NAME-??????`
   * (the form AWS recommends: exactly six characters, so `NAME-??????` does not match the secret
   * `NAME-other`); "exact" keeps a full ARN the request named. A name without its suffix always
   * becomes `NAME-??????`: the suffix is not in the event. Source: Secrets Manager User Guide,
   * "Permissions policy examples", "Secret ARN".
   */
  readonly secretNames: "any-suffix" | "exact";
  /**
   * CloudWatch Logs streams (PutLogEvents, ...; ECS's awslogs driver writes one stream per task,
   * `PREFIX/CONTAINER/TASK-ID`). "log-group" grants `log-group:G:*`: every stream of the group,
   * present and future, the form AWS's own examples use. "stream-prefix" grants
   * `log-group:G:log-stream:FOLDER/*`: only streams under the folder the seen ones share
   * (for ECS the prefix and container name), narrower when several writers share a group.
   * "exact" names each stream; it is not offered to users (tomorrow's tasks write new streams),
   * only used to replay each call on its own stream. Source: CloudWatch Logs User Guide,
   * "CloudWatch Logs permissions reference" and "Using identity-based policies".
   */
  readonly logStreams: "log-group" | "stream-prefix" | "exact";
  /**
   * Calls that failed with an error that does not show authorization passed (a validation error,
   * throttling, an unknown code): "proven-only" grants nothing for them (their names are text
   * someone wrote into a request the service refused), "grant" grants them as if they had
   * succeeded (`--grant-failed`). Not a name rule, but a rule of what is granted.
   */
  readonly failedCalls: "proven-only" | "grant";
}

export const DEFAULT_GENERALIZATION: Generalization = {
  s3ObjectKeys: "shape",
  s3Prefixes: {},
  dynamodbIndexes: "any-index",
  secretNames: "any-suffix",
  logStreams: "log-group",
  failedCalls: "proven-only",
};

/**
 * How a scan must reduce names for these rules: every name apart when any rule names keys exactly,
 * else by shape.
 */
export function nameReductionFor(generalization: Generalization): "shapes" | "exact" {
  const rules = [generalization.s3ObjectKeys, ...Object.values(generalization.s3Prefixes)];
  return rules.includes("exact") ? "exact" : "shapes";
}
