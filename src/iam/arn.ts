/** The six colon-separated parts of an ARN; `resource` keeps any further colons. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(value: string): Arn | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", account = ""] = parts;
  if (partition === "" || service === "") return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

/**
 * A RegExp matching the ARNs of an iam-data ARN format such as
 * `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`. Partition, region and
 * account never contain ":"; other variables may contain anything but must not be empty. Some
 * types list several formats separated by ", " (Lex V1 and V2 bot aliases:
 * `...:bot-alias/${BotId}/${BotAliasId}, ...:bot:${BotName}:${BotAlias}`); any of them matches.
 */
export function arnFormatPattern(format: string): RegExp {
  const alternatives = format.split(/,\s*(?=arn:)/).map(formatSource);
  return new RegExp(`^(?:${alternatives.join("|")})$`);
}

function formatSource(format: string): string {
  return format
    .split(/(\$\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith("${")) return part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
      return /^\$\{(Partition|Region|Account)\}$/.test(part) ? "[^:]*" : ".+";
    })
    .join("");
}

/**
 * IAM reads "*" and "?" in a Resource as wildcards and "${" as the start of a policy variable; the
 * `${*}`, `${?}` and `${$}` variables stand for the literal characters. Source: IAM User Guide,
 * "IAM policy elements: Variables and tags", Special characters. Used for names taken from logs
 * (S3 keys, log stream names) so that a key named "a*" grants "a*" only.
 */
export function escapeResourceName(name: string): string {
  return name.replace(/[*?$]/g, (c) => `\${${c}}`);
}
