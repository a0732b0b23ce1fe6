import { EXACT_OBJECT_KEYS } from "./object-keys.js";

/**
 * Where tighten names a pattern instead of the exact resources a role touched: the few places
 * where yesterday's names do not predict tomorrow's. Each rule is applied in one place, the ARN
 * builder of its service; everything else is named exactly. Set by `tighten.config.json` and flags
 * (src/config).
 */
export interface Generalization {
  /**
   * S3 object keys: keys under one first path segment are named one by one while there are at most
   * this many, else as their common folder (`bucket/uploads/2026/*`). At most KEY_SAMPLE, the
   * keys the engine keeps per folder: past it the names are not known.
   */
  readonly s3ObjectKeys: number;
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
   * Source: CloudWatch Logs User Guide, "CloudWatch Logs permissions reference" and
   * "Using identity-based policies".
   */
  readonly logStreams: "log-group" | "stream-prefix";
}

export const DEFAULT_GENERALIZATION: Generalization = {
  s3ObjectKeys: EXACT_OBJECT_KEYS,
  dynamodbIndexes: "any-index",
  secretNames: "any-suffix",
  logStreams: "log-group",
};
