import type { UsageRow } from "../../engines/usage-row.js";
import { parseArn } from "../../iam/arn.js";
import { namePatterns, namePatternsVia } from "../name-patterns.js";
import { type ArnBuilder, arns, arnsOr, missing, resourcesNamedInEvent, stringListParameter, stringParameter, supports, viaParameter } from "./arn-context.js";

/**
 * Log groups are `log-group:G`, streams `log-group:G:log-stream:S`. Stream names are many (one per
 * ECS task), so they are never named exactly: by default (Generalization.logStreams "log-group")
 * a stream action is granted on `log-group:G:*`, every stream of the group; with "stream-prefix"
 * on the folder the seen streams share, from the engine's key reduction. Newer APIs name the group by `logGroupIdentifier`, a name or an ARN.
 * Source: CloudWatch Logs User Guide, "CloudWatch Logs permissions reference".
 */
export const logsArns: ArnBuilder = (context) => {
  const { row, action } = context;
  const wantsStream = supports(action, "log-stream");
  if (!wantsStream && !supports(action, "log-group")) return resourcesNamedInEvent(context);
  const groups = logGroupsOf(row, context.partition);
  if (groups.length > 1 && !wantsStream) return arns(groups.map((g) => g.arn), [...new Set(groups.map((g) => g.via))].join(" + "));
  const group = groups[0];
  if (group === undefined) return missing("the event names no log group");
  if (!wantsStream) return arns([group.arn], group.via);
  if (context.generalization.logStreams === "log-group") {
    // `log-group:G:*` matches `log-group:G:log-stream:ANY` (and not the group ARN itself); it needs
    // no stream name, so a call that names only its group is granted too.
    return arns([`${group.arn}:*`], `${group.via} + log streams: any stream of the group (logStreams: log-group)`);
  }
  if (row.objectKeys === null) return missing("the event names no log stream");
  // Streams are named per task (ecs/<container>/<task id>): every deploy writes new ones, so a
  // stream is never named exactly, only its folder.
  const rule = context.generalization.logStreams === "exact" ? "exact" : "folder";
  const patterns = namePatterns(row.objectKeys, { rule, span: row });
  const result = arnsOr(
    patterns.map(({ pattern }) => `${group.arn}:log-stream:${pattern}`),
    `${group.via} + log streams: ${namePatternsVia(row.objectKeys, patterns, rule)}`,
    "the event names no log stream",
  );
  return "arns" in result ? { ...result, names: patterns.map((p) => ({ ...p, pattern: `${group.arn}:log-stream:${p.pattern}` })) } : result;
};

/**
 * The groups a call names: one by `logGroupName` or `logGroupIdentifier` (a name or an ARN), or
 * several by the lists StartQuery takes (`logGroupNames`, `logGroupIdentifiers`). Source: CloudWatch
 * Logs API Reference, StartQuery ("logGroupNames ... logGroupIdentifiers: a name or ARN").
 */
function logGroupsOf(row: UsageRow, partition: string): { arn: string; via: string }[] {
  const single = logGroupArn(row, partition, stringParameter(row, "logGroupName"), "logGroupName", stringParameter(row, "logGroupIdentifier"), "logGroupIdentifier");
  if (single !== undefined) return [single];
  const groups = [
    ...stringListParameter(row, "logGroupNames").map((name) => logGroupArn(row, partition, name, "logGroupNames", undefined, "")),
    ...stringListParameter(row, "logGroupIdentifiers").map((id) => logGroupArn(row, partition, undefined, "", id, "logGroupIdentifiers")),
  ];
  return groups.filter((group): group is { arn: string; via: string } => group !== undefined);
}

function logGroupArn(
  row: UsageRow,
  partition: string,
  name: string | undefined,
  nameParameter: string,
  identifier: string | undefined,
  identifierParameter: string,
): { arn: string; via: string } | undefined {
  const arn = identifier === undefined ? undefined : parseArn(identifier);
  if (name === undefined && arn !== undefined) {
    // Logs names a group's ARN with a ":*" stream part (escaped, as every name from a log is).
    const group = arn.resource.replace(/^log-group:/, "").replace(/:(\*|\$\{\*\})$/, "");
    return { arn: `arn:${arn.partition}:logs:${arn.region}:${arn.account}:log-group:${group}`, via: viaParameter(identifierParameter) };
  }
  const group = name ?? identifier;
  if (group === undefined) return undefined;
  return {
    arn: `arn:${partition}:logs:${row.region}:${row.account}:log-group:${group}`,
    via: viaParameter(name !== undefined ? nameParameter : identifierParameter),
  };
}
