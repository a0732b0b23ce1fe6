import { overlaps } from "./glob.js";
import { splitTokens, tokenize, type Token } from "./iam-string.js";

/**
 * Which resources of an action a policy's Resource value can reach. IAM authorizes an action
 * against the ARN of the resource the request names, and that ARN has the shape of one of the
 * action's resource types (Service Authorization Reference, "Resource types" column; iam-data's
 * `arn` formats); an action without resource types is authorized against "*" (IAM User Guide,
 * "IAM JSON policy elements: Resource": "some actions don't support resource-level permissions
 * ... you must use the all resources wildcard"). So `s3:GetBucketPolicy` on
 * `arn:aws:s3:::bucket/*` names nothing: no bucket ARN has a "/".
 */

/** One resource type's ARN format, `arn:${Partition}:s3:::${BucketName}/${ObjectName}`, read once. */
export interface ResourceTypeFormat {
  readonly format: string;
  /** Partition, service, region, account and resource, as tokens (see formatTokens). */
  readonly components: readonly (readonly FormatToken[])[];
  /**
   * The format as a Resource pattern: `arn:aws:s3:::*\/*`. The partition is the role's: a role
   * only ever calls resources in its own partition, so a Deny on `arn:aws:s3:::*` covers every
   * bucket it can reach.
   */
  readonly scope: string;
}

/** A format's literal character, or a variable: one or more characters ("nonSeparator" for a variable that is a whole component). */
type FormatToken = { readonly kind: "char"; readonly char: string } | { readonly kind: "variable"; readonly wholeComponent: boolean };

/**
 * The formats of a type: most hold one; Lex's bot aliases list two, comma-separated
 * (`...:bot-alias/${BotId}/${BotAliasId}, ...:bot:${BotName}:${BotAlias}`).
 */
export function resourceTypeFormats(format: string, partition: string): ResourceTypeFormat[] {
  return format.split(/,\s*(?=arn:)/).map((one) => ({
    format: one,
    components: formatComponents(one),
    scope: one.replace(/\$\{([^}]+)\}/g, (_, name: string) => (name === "Partition" ? partition : "*")),
  }));
}

function formatComponents(format: string): FormatToken[][] {
  const parts = format.split(":");
  const components = [...parts.slice(1, 5), parts.slice(5).join(":")];
  return components.map((component) => {
    // A variable that is a whole component (`${BucketName}`, `${Region}`) holds no ":" or "/":
    // a bucket name is one path segment. Inside a longer component (`table/${TableName}`,
    // `${BucketName}/${ObjectName}`) a variable may hold either (an object key holds "/").
    const whole = /^\$\{[^}]+\}$/.test(component);
    const tokens: FormatToken[] = [];
    for (const part of component.split(/(\$\{[^}]+\})/)) {
      if (part.startsWith("${")) tokens.push({ kind: "variable", wholeComponent: whole });
      else for (const char of part) tokens.push({ kind: "char", char });
    }
    return tokens;
  });
}

/**
 * Whether a Resource value (pattern) can name a resource of this type: some ARN of the type's
 * shape matches it. Compared component by component, as IAM matches ARNs (resource-pattern.ts);
 * a short ARN pattern ending in "*" runs on to the end. A policy variable may hold anything.
 * "*" names every type.
 */
export function canNameType(value: string, type: ResourceTypeFormat): boolean {
  const tokens = tokenize(value, { variables: true }).map((t): Token => (t.kind === "variable" ? { kind: "any" } : t));
  if (!value.startsWith("arn:")) return overlaps(tokens, formatPattern(type.components, true));
  const components = valueComponents(tokens);
  if (components === null) return false;
  return type.components.every((format, i) => componentOverlaps(components[i] as Token[], format));
}

function componentOverlaps(value: readonly Token[], format: readonly FormatToken[]): boolean {
  const whole = format.length === 1 && format[0]?.kind === "variable" && format[0].wholeComponent;
  if (whole) {
    // One or more characters, none of them a separator.
    return value.length > 0 && value.every((t) => t.kind !== "char" || (t.char !== ":" && t.char !== "/"));
  }
  return overlaps(value, formatPattern([format], false));
}

/** A variable as "one or more characters": `?*`. */
function formatPattern(components: readonly (readonly FormatToken[])[], joined: boolean): Token[] {
  const tokens: Token[] = [];
  components.forEach((component, i) => {
    if (joined) tokens.push(...(i === 0 ? [..."arn:"].map((char): Token => ({ kind: "char", char })) : [{ kind: "char", char: ":" } as Token]));
    for (const t of component) tokens.push(...(t.kind === "char" ? [t] : [{ kind: "one" } as Token, { kind: "any" } as Token]));
  });
  return tokens;
}

/** Partition, service, region, account, resource of an ARN pattern's tokens; a short one ending in "*" padded with "*". */
function valueComponents(tokens: readonly Token[]): Token[][] | null {
  const parts = splitTokens(tokens, ":");
  if (parts.length >= 6) {
    const rest = parts.slice(5).flatMap((part, i) => (i === 0 ? part : [{ kind: "char", char: ":" } as Token, ...part]));
    return [...parts.slice(1, 5), rest];
  }
  const last = parts[parts.length - 1] as Token[];
  if (last[last.length - 1]?.kind !== "any") return null;
  const padded = parts.slice(1);
  while (padded.length < 5) padded.push([{ kind: "any" }]);
  return padded;
}
